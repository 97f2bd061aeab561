package fetch

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"github.com/ccan-archive/ccan/internal/blob"
	"github.com/ccan-archive/ccan/internal/derrors"
	"github.com/ccan-archive/ccan/internal/module"
	"github.com/ccan-archive/ccan/internal/store"
	"github.com/ccan-archive/ccan/internal/tarball"
)

// Dir is a CCAN tree used as an archive: every module has one version,
// its _info "Version:" (else "0.0.0-" and 12 hex digits of its content
// hash), and its tarball is built on demand exactly as the archive
// builds a module's plain tarball: the module's files (hidden names,
// build products and nested modules left out) plus the license texts
// its symlinks point to. It is safe for concurrent use.
type Dir struct {
	tree *module.Tree
	mu   sync.Mutex
	mods map[string]*dirModule
}

type dirModule struct {
	entry *Entry
	data  []byte // the tarball
}

// NewDir returns the Source for tree t.
func NewDir(t *module.Tree) *Dir { return &Dir{tree: t, mods: map[string]*dirModule{}} }

// String implements Source.
func (d *Dir) String() string { return d.tree.Dir }

// Index implements Source.
func (d *Dir) Index(ctx context.Context, name string) ([]*Entry, error) {
	m, err := d.module(name)
	if err != nil {
		return nil, err
	}
	return []*Entry{m.entry}, nil
}

// Open implements Source.
func (d *Dir) Open(ctx context.Context, name string, tb *Tarball) (io.ReadCloser, error) {
	m, err := d.module(name)
	if err != nil {
		return nil, err
	}
	if m.entry.Tarball.SHA256 != tb.SHA256 {
		return nil, derrors.Errorf(derrors.NotFound, "%s: ccan/%s in %s now has other content (version %s)", tb.Name, name, d.tree.Dir, m.entry.Version)
	}
	return io.NopCloser(bytes.NewReader(m.data)), nil
}

func (d *Dir) module(name string) (*dirModule, error) {
	if err := store.CheckModuleName(name); err != nil {
		return nil, err
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	if m, ok := d.mods[name]; ok {
		return m, nil
	}
	m, err := d.build(name)
	if err != nil {
		return nil, err
	}
	d.mods[name] = m
	return m, nil
}

// build describes and packs one module of the tree.
func (d *Dir) build(name string) (*dirModule, error) {
	info := filepath.Join(d.tree.ModuleDir(name), "_info")
	src, err := os.ReadFile(info)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, derrors.Errorf(derrors.NotFound, "ccan/%s is not in %s", name, d.tree.Dir)
	}
	if err != nil {
		return nil, err
	}
	m, err := d.tree.Load(name)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", derrors.BadModule, err)
	}
	entries, err := treeEntries(d.tree.Dir, m.Dir)
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	if err := tarball.Write(&buf, entries); err != nil {
		return nil, fmt.Errorf("%w: ccan/%s: %v", derrors.BadModule, name, err)
	}
	sum := blob.Key(buf.Bytes())
	e := &Entry{Name: name, Deps: []string{}, External: []string{},
		Tarball: &Tarball{Kind: "module", Name: strings.ReplaceAll(name, "/", "-") + ".tar.gz", SHA256: sum, Size: int64(buf.Len())}}
	e.Version = "0.0.0-" + sum[:12]
	if f := strings.Fields(m.Field("version")); len(f) > 0 && store.CheckVersion(f[0]) == nil {
		e.Version = f[0]
	}
	seen := map[string]bool{}
	for _, dep := range module.SafeScan(src, module.Depends) {
		if seen[dep] {
			continue
		}
		seen[dep] = true
		if n, ok := strings.CutPrefix(dep, "ccan/"); ok && store.CheckModuleName(n) == nil {
			e.Deps = append(e.Deps, dep)
		} else {
			e.External = append(e.External, dep)
		}
	}
	return &dirModule{entry: e, data: buf.Bytes()}, nil
}

// treeEntries lists the files of the module directory dir of the tree at
// root as tarball entries with tree-relative names.
func treeEntries(root, dir string) ([]tarball.Entry, error) {
	var out []tarball.Entry
	err := filepath.WalkDir(dir, func(p string, de fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if p != dir && strings.HasPrefix(de.Name(), ".") {
			if de.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if de.IsDir() {
			if p != dir && isFile(filepath.Join(p, "_info")) {
				return filepath.SkipDir // a nested module
			}
			return nil
		}
		if IsBuildProduct(de.Name()) {
			return nil
		}
		es, err := fileEntries(root, p)
		out = append(out, es...)
		return err
	})
	return out, err
}

// fileEntries reads one file: a regular file, or a symlink kept as a
// link (plus its target, when the target is inside the tree) or, when it
// points outside the tree, as the content it points to.
func fileEntries(root, p string) ([]tarball.Entry, error) {
	rel, err := filepath.Rel(root, p)
	if err != nil {
		return nil, err
	}
	name := filepath.ToSlash(rel)
	fi, err := os.Stat(p)
	if err != nil || !fi.Mode().IsRegular() {
		return nil, nil // dangling links and special files are left out, as on import
	}
	data, err := os.ReadFile(p)
	if err != nil {
		return nil, err
	}
	li, err := os.Lstat(p)
	if err != nil {
		return nil, err
	}
	if li.Mode()&fs.ModeSymlink != 0 {
		if link, target, ok := inTreeLink(root, p); ok {
			return []tarball.Entry{{Name: name, Link: link}, {Name: target, Data: data}}, nil
		}
	}
	return []tarball.Entry{{Name: name, Data: data, Exec: fi.Mode()&0o111 != 0}}, nil
}

// inTreeLink resolves symlink p: its relative link and the tree-relative
// path of its target, when the target is inside the tree.
func inTreeLink(root, p string) (link, target string, ok bool) {
	t, err := os.Readlink(p)
	if err != nil {
		return "", "", false
	}
	abs := t
	if !filepath.IsAbs(abs) {
		abs = filepath.Join(filepath.Dir(p), t)
	}
	rel, err := filepath.Rel(root, abs)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return "", "", false
	}
	l, err := filepath.Rel(filepath.Dir(p), abs)
	if err != nil {
		return "", "", false
	}
	return filepath.ToSlash(l), filepath.ToSlash(rel), true
}

// IsBuildProduct reports whether a file name is a compiler output (object
// files, libraries, coverage data): such files are never part of a
// module's content.
func IsBuildProduct(name string) bool {
	for _, ext := range []string{".o", ".a", ".so", ".gcno", ".gcda"} {
		if strings.HasSuffix(name, ext) {
			return true
		}
	}
	return false
}

// Search implements Source: modules whose name or summary hold every
// word of query.
func (d *Dir) Search(ctx context.Context, query string, limit int) ([]*Summary, error) {
	names, err := d.tree.Modules()
	if err != nil {
		return nil, err
	}
	var all []*Summary
	for _, n := range names {
		m, err := d.tree.Load(n)
		if err != nil {
			continue
		}
		s := &Summary{Name: n, Summary: strings.TrimSpace(m.Summary()), License: strings.TrimSpace(m.LicenseString())}
		if dm, err := d.module(n); err == nil {
			s.Version = dm.entry.Version
		}
		all = append(all, s)
	}
	return matchSummaries(all, query, limit), nil
}

// Describe implements Source; nothing is compiled (libraries are unknown).
func (d *Dir) Describe(ctx context.Context, name, version string) (*module.Info, error) {
	dm, err := d.module(name)
	if err != nil {
		return nil, err
	}
	if version != "" && version != dm.entry.Version {
		return nil, derrors.Errorf(derrors.NotFound, "ccan/%s in %s is version %s, not %s", name, d.tree.Dir, dm.entry.Version, version)
	}
	m, err := d.tree.Load(name)
	if err != nil {
		return nil, err
	}
	in, err := module.Describe(ctx, m, module.SafeQuerier{})
	if err != nil {
		return nil, err
	}
	in.Version = dm.entry.Version
	return in, nil
}
