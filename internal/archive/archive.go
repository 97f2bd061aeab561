// Package archive imports CCAN trees into the archive: for every module
// it stores the description (module.Describe with the safe querier: an
// import never compiles or runs code from the tree), the files, the
// header function names for search, the dependencies, and deterministic
// tarballs of the module alone and with all its dependencies; then one
// tarball of the whole tree and one per junkcode directory.
//
// Versions: a module's version is its _info "Version:" section, else
// "0.0.0-YYYYMMDD-<12 hex digits of the content hash>". A module whose
// content (its plain tarball) is unchanged since its latest version is
// skipped, so importing the same tree twice adds nothing. The with-deps
// tarball is built when the version is added and never changes after.
package archive

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"path"
	"strings"
	"time"

	"github.com/ccan-archive/ccan/internal/blob"
	"github.com/ccan-archive/ccan/internal/derrors"
	"github.com/ccan-archive/ccan/internal/doc"
	"github.com/ccan-archive/ccan/internal/module"
	"github.com/ccan-archive/ccan/internal/store"
	"github.com/ccan-archive/ccan/internal/tarball"
)

// Importer imports trees into a store and a blob store.
type Importer struct {
	Store store.Store
	Blobs blob.Store
	// Lint, when non-nil, lints each newly imported module version; its
	// result is stored with store.Writer.SetLint. A Lint error is logged
	// and the version stays unlinted.
	Lint func(ctx context.Context, m *module.Module) (*store.LintResult, error)
	// Now returns the import time (time.Now when nil).
	Now func() time.Time
	// Log receives progress and warnings (slog.Default when nil).
	Log *slog.Logger
}

// Report says what an import did.
type Report struct {
	Modules   int       // modules found in the tree
	Added     []string  // "name@version" of new versions
	Unchanged int       // modules skipped: content already stored
	Failed    []Failure // modules that could not be imported
	Junk      int       // junkcode directories stored
	Archive   *store.Tarball
	Duration  time.Duration
}

// Failure is one module that did not import.
type Failure struct {
	Module string
	Err    error
}

func (im *Importer) now() time.Time {
	if im.Now != nil {
		return im.Now().UTC()
	}
	return time.Now().UTC()
}

func (im *Importer) log() *slog.Logger {
	if im.Log != nil {
		return im.Log
	}
	return slog.Default()
}

// ImportTree imports every module of t, its junkcode and a whole-tree
// tarball. A module that fails is reported in Failed and the import goes
// on; the error is for what stops the whole import (a store or blob
// failure, a cancelled ctx).
func (im *Importer) ImportTree(ctx context.Context, t *module.Tree) (_ *Report, err error) {
	defer derrors.Wrap(&err, "archive.ImportTree(%s)", t.Dir)
	start := time.Now()
	names, err := t.Modules()
	if err != nil {
		return nil, err
	}
	rep := &Report{Modules: len(names)}
	w := newWalker(t.Dir)
	for _, name := range names {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		added, err := im.importModule(ctx, t, w, name)
		switch {
		case err == nil && added == "":
			rep.Unchanged++
		case err == nil:
			rep.Added = append(rep.Added, added)
		case isModuleError(err):
			im.log().Warn("module not imported", "module", name, "err", err)
			rep.Failed = append(rep.Failed, Failure{Module: name, Err: err})
		default:
			return nil, err
		}
	}
	if rep.Junk, err = im.importJunk(ctx, w); err != nil {
		return nil, err
	}
	if rep.Archive, err = im.importArchive(ctx, w, names); err != nil {
		return nil, err
	}
	rep.Duration = time.Since(start)
	return rep, nil
}

// isModuleError reports whether err is about one module (so the import
// can go on) rather than the store or the context.
func isModuleError(err error) bool {
	return errors.Is(err, derrors.BadModule) || errors.Is(err, derrors.AlreadyExists) || errors.Is(err, derrors.InvalidArgument)
}

// importModule imports one module; it returns "name@version" when a
// version was added and "" when the content was already stored.
func (im *Importer) importModule(ctx context.Context, t *module.Tree, w *walker, name string) (string, error) {
	if same, err := im.unchanged(ctx, w, name); err != nil || same {
		return "", err
	}
	b, err := im.build(ctx, t, w, name)
	if err != nil {
		return "", err
	}
	mv := b.mv
	if err := im.store(ctx, b); err != nil {
		return "", err
	}
	im.lint(ctx, b.m, mv)
	im.log().Info("imported", "module", name, "version", mv.Version)
	return name + "@" + mv.Version, nil
}

// unchanged reports whether module name's content (its plain .tar.gz)
// is that of its latest stored version, so that a re-import neither
// describes it again nor builds its other tarballs (the .tar.bz2 ones
// cost most of an import). A module that cannot be read is left for
// build to report.
func (im *Importer) unchanged(ctx context.Context, w *walker, name string) (bool, error) {
	latest, err := im.Store.GetModule(ctx, name, "")
	if errors.Is(err, derrors.NotFound) || errors.Is(err, derrors.InvalidArgument) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	files, err := w.module(name)
	if err != nil {
		return false, nil
	}
	plain, err := build(entries("", files))
	return err == nil && blob.Key(plain) == latest.ContentSHA256, nil
}

// built is a module version ready to store: its row and its blobs.
type built struct {
	mv    *store.ModuleVersion
	m     *module.Module
	blobs map[string][]byte // by key: file contents and tarballs
}

// build describes a module and builds (in memory) its tarballs.
func (im *Importer) build(ctx context.Context, t *module.Tree, w *walker, name string) (*built, error) {
	m, err := t.Load(name)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", derrors.BadModule, err)
	}
	info, err := module.Describe(ctx, m, module.SafeQuerier{})
	if err != nil {
		return nil, err
	}
	files, err := w.module(name)
	if err != nil {
		return nil, err
	}
	b := &built{mv: newVersion(info, m), m: m, blobs: map[string][]byte{}}
	b.mv.Warnings = append(b.mv.Warnings, w.warnings[name]...)
	if err := b.addTarballs(w, files); err != nil {
		return nil, err
	}
	if b.mv.Version == "" {
		b.mv.Version = fmt.Sprintf("0.0.0-%s-%s", im.now().Format("20060102"), b.mv.ContentSHA256[:12])
	}
	b.mv.Created = im.now()
	return b, nil
}

// newVersion fills a ModuleVersion from a module's Info.
func newVersion(in *module.Info, m *module.Module) *store.ModuleVersion {
	mv := &store.ModuleVersion{
		Name: in.Name, Summary: in.Summary, Description: in.Description, Example: in.Example,
		License: in.License, LicenseFile: in.LicenseFile, Authors: in.Authors, Maintainers: in.Maintainers,
		SeeAlso: in.SeeAlso, Depends: in.Depends, AllDepends: in.AllDepends, TestDepends: in.TestDepends,
		Libs: in.Libs, Warnings: in.Warnings,
	}
	if v := firstField(in.Version); v != "" {
		if store.CheckVersion(v) == nil {
			mv.Version = v
		} else {
			mv.Warnings = append(mv.Warnings, fmt.Sprintf("Version: %q is not usable; using a date-based version", in.Version))
		}
	}
	mv.Functions = headerFunctions(m, &mv.Warnings)
	return mv
}

func firstField(s string) string {
	if f := strings.Fields(s); len(f) > 0 {
		return f[0]
	}
	return ""
}

// addTarballs builds the module's plain and with-deps tarballs, in
// every format, and its file list; the plain .tar.gz's hash becomes the
// content hash.
func (b *built) addTarballs(w *walker, files []diskFile) error {
	mv := b.mv
	plain, err := buildAll(entries("", files))
	if err != nil {
		return fmt.Errorf("%w: %v", derrors.BadModule, err)
	}
	all := append([]diskFile(nil), files...)
	for _, d := range mv.AllDepends {
		dep := strings.TrimPrefix(d, "ccan/")
		if store.CheckModuleName(dep) != nil || !exists(w.root+"/ccan/"+dep+"/_info") {
			mv.Warnings = append(mv.Warnings, fmt.Sprintf("dependency %s is not in the tree", d))
			continue
		}
		dfs, err := w.module(dep)
		if err != nil {
			return err
		}
		all = append(all, dfs...)
	}
	withDeps, err := buildAll(entries("", all))
	if err != nil {
		return fmt.Errorf("%w: %v", derrors.BadModule, err)
	}
	base := strings.ReplaceAll(mv.Name, "/", "-")
	mv.ContentSHA256 = blob.Key(plain[tarball.Gzip])
	for _, f := range tarball.Formats() {
		mv.Tarballs = append(mv.Tarballs,
			describe(store.TarballWithDeps, base+"-with-deps", f, withDeps[f]),
			describe(store.TarballModule, base, f, plain[f]))
		b.blobs[blob.Key(plain[f])], b.blobs[blob.Key(withDeps[f])] = plain[f], withDeps[f]
	}
	prefix := "ccan/" + mv.Name + "/"
	for _, f := range files {
		rel := strings.TrimPrefix(f.Path, prefix)
		key := blob.Key(f.Data)
		mv.Files = append(mv.Files, &store.File{Path: rel, Kind: module.Classify(rel).String(),
			Size: int64(len(f.Data)), SHA256: key, Link: f.Link})
		b.blobs[key] = f.Data
	}
	return nil
}

// build writes es as a .tar.gz.
func build(es []tarball.Entry) ([]byte, error) {
	var buf bytes.Buffer
	err := tarball.Write(&buf, es)
	return buf.Bytes(), err
}

// buildAll writes es as a tarball in every format, indexed by format.
func buildAll(es []tarball.Entry) ([][]byte, error) {
	out := make([][]byte, len(tarball.Formats()))
	for _, f := range tarball.Formats() {
		var buf bytes.Buffer
		if err := tarball.WriteFormat(&buf, es, f); err != nil {
			return nil, err
		}
		out[f] = buf.Bytes()
	}
	return out, nil
}

// describe returns the record of a tarball of the given gzip kind and
// file name without suffix, in format f: a .tar.bz2 gets the kind's
// bzip2 twin (store.Bzip2Suffix).
func describe(kind, base string, f tarball.Format, data []byte) store.Tarball {
	if f == tarball.Bzip2 {
		kind += store.Bzip2Suffix
	}
	return store.Tarball{Kind: kind, Name: base + f.Ext(), SHA256: blob.Key(data), Size: int64(len(data))}
}

// headerFunctions lists the functions documented in the module's headers.
func headerFunctions(m *module.Module, warnings *[]string) []string {
	fns := []string{}
	for _, h := range m.Manifest.HFiles {
		secs, _, err := doc.ParseFile(m.Path(h))
		if err != nil {
			*warnings = append(*warnings, fmt.Sprintf("%s: %v", path.Join(m.Name, h), err))
			continue
		}
		fns = append(fns, doc.Functions(secs)...)
	}
	return fns
}
