package upload

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"

	"github.com/ccan-archive/ccan/internal/blob"
	"github.com/ccan-archive/ccan/internal/derrors"
	"github.com/ccan-archive/ccan/internal/extract"
	"github.com/ccan-archive/ccan/internal/module"
	"github.com/ccan-archive/ccan/internal/store"
	"github.com/ccan-archive/ccan/internal/tarball"
)

// found is the module an upload holds.
type found struct {
	Name string // module name, "" when there is none (Why says why)
	Dir  string // its directory, relative to the extraction directory ("" = the top)
	Why  string
	// Nested lists other _info directories inside the module, left to
	// their own uploads.
	Nested []string
}

// findModule looks for the one module of an extracted upload: the
// directories holding a regular _info file, of which exactly one may be
// outermost. Its name is what follows the last "ccan" component of its
// path ("ccan/str/hex" -> "str/hex"), else the directory's own name, else
// (an _info at the top of an upload without a top directory) the
// upload's file name without its extension.
func findModule(res *extract.Result, uploadName string) found {
	var dirs []string // relative to the extraction directory
	for _, f := range res.Files {
		if path.Base(f.Path) == "_info" && f.Mode.IsRegular() {
			dirs = append(dirs, path.Dir(f.Path))
		}
	}
	if len(dirs) == 0 {
		return found{Why: "no _info file: not a CCAN module"}
	}
	sort.Strings(dirs)
	var top []string
	var nested []string
	for _, d := range dirs {
		if len(top) > 0 && within(d, top[len(top)-1]) {
			nested = append(nested, d)
			continue
		}
		top = append(top, d)
	}
	if len(top) > 1 {
		return found{Why: fmt.Sprintf("%d modules in one upload (%s): upload one module at a time", len(top), strings.Join(top, ", "))}
	}
	dir := top[0]
	if dir == "." {
		dir = ""
	}
	full := path.Join(res.Root, dir) // the path as the upload names it
	var name string
	parts := strings.Split(full, "/")
	for i := len(parts) - 1; i >= 0; i-- {
		if parts[i] == "ccan" && i < len(parts)-1 {
			name = strings.Join(parts[i+1:], "/")
			break
		}
	}
	switch {
	case name != "":
	case full != "" && full != ".":
		name = path.Base(full)
	default:
		name = stripExt(baseName(uploadName))
	}
	if err := store.CheckModuleName(name); err != nil {
		return found{Why: fmt.Sprintf("module name %q is not usable: letters, digits, '_', '-', '+', and at most one '/'", name)}
	}
	return found{Name: name, Dir: dir, Nested: nested}
}

// within reports whether d is dir or below it ("." holds everything).
func within(d, dir string) bool {
	return dir == "." || d == dir || strings.HasPrefix(d, dir+"/")
}

// treeBuilder assembles the scratch CCAN tree a module is checked in.
type treeBuilder struct {
	src   string // the extraction directory
	root  *os.Root
	dir   string // the tree's directory
	name  string
	log   func(format string, args ...any)
	store store.Reader
	blobs blob.Store
}

// copyModule copies the module's directory from the extraction into
// ccan/NAME. Symbolic links staying inside the module are kept; one
// leading out of it (LICENSE -> ../../licenses/X) is remade inside the
// tree: a license text goes to licenses/ with the link pointing there,
// any other file is copied in place of the link; anything else is left
// out. So no link in the tree leads out of it, whatever the upload's
// layout was.
func (tb *treeBuilder) copyModule(modDir string) error {
	from := filepath.Join(tb.src, filepath.FromSlash(modDir))
	to := path.Join("ccan", tb.name)
	if err := tb.root.MkdirAll(to, 0o755); err != nil {
		return err
	}
	return filepath.WalkDir(from, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(from, p)
		if err != nil || rel == "." {
			return err
		}
		dst := path.Join(to, filepath.ToSlash(rel))
		switch {
		case d.IsDir():
			return tb.root.Mkdir(dst, 0o755)
		case d.Type()&fs.ModeSymlink != 0:
			return tb.copyLink(from, p, dst)
		case d.Type().IsRegular():
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			return tb.root.WriteFile(dst, data, 0o644)
		}
		return nil // extract writes nothing else
	})
}

// copyLink recreates the symlink p (in the module directory from) at
// dst in the tree.
func (tb *treeBuilder) copyLink(from, p, dst string) error {
	target, err := os.Readlink(p)
	if err != nil {
		return err
	}
	resolved, err := filepath.EvalSymlinks(p)
	if err != nil {
		tb.log("left out %s: its link to %s leads nowhere", dst, target)
		return nil
	}
	if inside(resolved, from) {
		return tb.root.Symlink(target, dst)
	}
	fi, err := os.Stat(resolved)
	if err != nil || !fi.Mode().IsRegular() || !inside(resolved, tb.src) {
		tb.log("left out %s: its link to %s does not lead to a file of the upload", dst, target)
		return nil
	}
	data, err := os.ReadFile(resolved)
	if err != nil {
		return err
	}
	if rel, _ := filepath.Rel(tb.src, resolved); strings.HasPrefix(filepath.ToSlash(rel), "licenses/") ||
		strings.Contains(filepath.ToSlash(rel), "/licenses/") {
		lic := path.Join("licenses", filepath.Base(resolved))
		if _, err := tb.root.Lstat(lic); errors.Is(err, fs.ErrNotExist) {
			if err := tb.root.MkdirAll("licenses", 0o755); err != nil {
				return err
			}
			if err := tb.root.WriteFile(lic, data, 0o644); err != nil {
				return err
			}
		}
		up := strings.Repeat("../", strings.Count(dst, "/"))
		return tb.root.Symlink(up+lic, dst)
	}
	return tb.root.WriteFile(dst, data, 0o644)
}

// inside reports whether p is dir or below it (both cleaned, absolute).
func inside(p, dir string) bool {
	rel, err := filepath.Rel(dir, p)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}

// addDeps copies into the tree the latest stored version of every
// module the uploaded one needs: its depends and testdepends (from a
// text scan of _info: nothing runs here), ccan/tap, and their recursive
// dependencies as the archive recorded them. A dependency the archive
// lacks is logged; the lint's depends_exist check then fails.
func (tb *treeBuilder) addDeps(ctx context.Context, t *module.Tree) ([]string, error) {
	var want []string
	for _, kw := range []string{module.Depends, module.TestDepends} {
		deps, err := module.SafeQuerier{}.Query(ctx, t, tb.name, kw)
		if err != nil {
			return nil, err
		}
		want = append(want, deps...)
	}
	// Tests get ccan/tap without declaring it, as in ccanlint.
	want = append(want, "ccan/tap")
	need := map[string]bool{}
	for _, d := range want {
		name, ok := strings.CutPrefix(d, "ccan/")
		if !ok || name == tb.name || need[name] || store.CheckModuleName(name) != nil {
			continue
		}
		mv, err := tb.store.GetModule(ctx, name, "")
		if errors.Is(err, derrors.NotFound) {
			tb.log("dependency ccan/%s is not in the archive", name)
			continue
		}
		if err != nil {
			return nil, err
		}
		need[name] = true
		for _, dd := range mv.AllDepends {
			if n, ok := strings.CutPrefix(dd, "ccan/"); ok && n != tb.name && store.CheckModuleName(n) == nil {
				need[n] = true
			}
		}
	}
	names := make([]string, 0, len(need))
	for n := range need {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		if err := tb.addStored(ctx, n); err != nil {
			return nil, fmt.Errorf("dependency ccan/%s: %w", n, err)
		}
	}
	return names, nil
}

// addStored writes a stored module's plain tarball (its files and the
// license texts they link to) into the tree, leaving existing files.
func (tb *treeBuilder) addStored(ctx context.Context, name string) error {
	mv, err := tb.store.GetModule(ctx, name, "")
	if errors.Is(err, derrors.NotFound) {
		tb.log("dependency ccan/%s is not in the archive", name)
		return nil
	}
	if err != nil {
		return err
	}
	tbl := mv.Tarball(store.TarballModule)
	if tbl == nil {
		return fmt.Errorf("no tarball stored")
	}
	obj, err := tb.blobs.Get(ctx, tbl.SHA256)
	if err != nil {
		return err
	}
	data, err := io.ReadAll(obj)
	obj.Close()
	if err != nil {
		return err
	}
	ents, err := tarball.Read(bytes.NewReader(data), tarball.Limits{MaxFiles: 100000, MaxFileSize: 64 << 20, MaxTotal: 256 << 20})
	if err != nil {
		return err
	}
	own := path.Join("ccan", tb.name) + "/"
	for _, e := range ents {
		if strings.HasPrefix(e.Name+"/", own) {
			continue
		}
		if _, err := tb.root.Lstat(e.Name); err == nil {
			continue
		}
		if err := tb.root.MkdirAll(path.Dir(e.Name), 0o755); err != nil {
			return err
		}
		if e.Link != "" {
			err = tb.root.Symlink(e.Link, e.Name)
		} else {
			err = tb.root.WriteFile(e.Name, e.Data, 0o644)
		}
		if err != nil {
			return err
		}
	}
	return nil
}
