package archive

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/ccan-archive/ccan/internal/tarball"
)

// MaxFileSize is the largest file the importer stores; bigger files are
// left out with a warning.
const MaxFileSize = 16 << 20

// diskFile is one file read from a tree.
type diskFile struct {
	Path string // tree-relative, slash-separated ("ccan/list/list.h")
	Link string // symlink target as written, "" for a regular file
	Data []byte // content (a symlink's: its target's)
	Exec bool
	// Target is the tree-relative path a symlink resolves to, when it
	// stays inside the tree ("licenses/CC0"); that file goes into
	// tarballs too, as the original's Makefile did.
	Target string
}

// walker reads files of one tree, caching module listings (a module's
// files are read once however many with-deps tarballs include them).
type walker struct {
	root     string // tree root, absolute
	modules  map[string][]diskFile
	warnings map[string][]string
}

func newWalker(root string) *walker {
	return &walker{root: root, modules: map[string][]diskFile{}, warnings: map[string][]string{}}
}

// module lists the files of ccan/<name> the way the original
// tools/list_files.sh does: every file, recursing into subdirectories
// except those holding their own _info (nested modules). Hidden names
// and build products (*.o, *.a...) are skipped: a plain tree has no git
// index to tell which files are tracked.
func (w *walker) module(name string) ([]diskFile, error) {
	if fs, ok := w.modules[name]; ok {
		return fs, nil
	}
	dir := filepath.Join("ccan", filepath.FromSlash(name))
	files, warns, err := w.dir(dir, true)
	if err != nil {
		return nil, err
	}
	w.modules[name], w.warnings[name] = files, warns
	return files, nil
}

// dir lists the files below the tree-relative directory rel.
func (w *walker) dir(rel string, skipNested bool) ([]diskFile, []string, error) {
	var files []diskFile
	var warns []string
	top := filepath.Join(w.root, rel)
	err := filepath.WalkDir(top, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if p != top && strings.HasPrefix(d.Name(), ".") {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if !d.IsDir() && isBuildProduct(d.Name()) {
			return nil
		}
		if d.IsDir() {
			if p != top && skipNested && exists(filepath.Join(p, "_info")) {
				return filepath.SkipDir
			}
			return nil
		}
		f, warn, err := w.read(p)
		if err != nil {
			return err
		}
		if warn != "" {
			warns = append(warns, warn)
		} else {
			files = append(files, f)
		}
		return nil
	})
	sort.Slice(files, func(i, j int) bool { return files[i].Path < files[j].Path })
	return files, warns, err
}

// read reads one file; a file that cannot go into the archive (too big,
// dangling link, not regular) gives a warning instead.
func (w *walker) read(p string) (diskFile, string, error) {
	rel, err := filepath.Rel(w.root, p)
	if err != nil {
		return diskFile{}, "", err
	}
	f := diskFile{Path: filepath.ToSlash(rel)}
	li, err := os.Lstat(p)
	if err != nil {
		return diskFile{}, "", err
	}
	if li.Mode()&fs.ModeSymlink != 0 {
		if warn := w.resolveLink(p, &f); warn != "" {
			return diskFile{}, warn, nil
		}
	}
	fi, err := os.Stat(p)
	if err != nil || !fi.Mode().IsRegular() {
		return diskFile{}, fmt.Sprintf("%s: not a regular file, left out", f.Path), nil
	}
	if fi.Size() > MaxFileSize {
		return diskFile{}, fmt.Sprintf("%s: larger than %d bytes, left out", f.Path, MaxFileSize), nil
	}
	if f.Data, err = os.ReadFile(p); err != nil {
		return diskFile{}, "", err
	}
	f.Exec = fi.Mode()&0o111 != 0
	if tarball.CheckName(f.Path) != nil {
		return diskFile{}, fmt.Sprintf("%q: unusable file name, left out", f.Path), nil
	}
	return f, "", nil
}

// resolveLink fills in a symlink's Link and Target. A link that leaves
// the tree is stored as the file it points to (Link stays "").
func (w *walker) resolveLink(p string, f *diskFile) string {
	target, err := os.Readlink(p)
	if err != nil {
		return fmt.Sprintf("%s: %v", f.Path, err)
	}
	abs := target
	if !filepath.IsAbs(abs) {
		abs = filepath.Join(filepath.Dir(p), target)
	}
	if !exists(abs) {
		return fmt.Sprintf("%s: dangling symlink to %s, left out", f.Path, target)
	}
	rel, err := filepath.Rel(w.root, abs)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return "" // outside the tree: keep the content as a plain file
	}
	link, err := filepath.Rel(filepath.Dir(p), abs)
	if err != nil {
		return fmt.Sprintf("%s: %v", f.Path, err)
	}
	f.Link, f.Target = filepath.ToSlash(link), filepath.ToSlash(rel)
	return ""
}

// isBuildProduct reports whether a file name is a compiler output
// (object files, archives, coverage data) that a built tree holds but
// git would not list.
func isBuildProduct(name string) bool {
	for _, ext := range []string{".o", ".a", ".so", ".gcno", ".gcda"} {
		if strings.HasSuffix(name, ext) {
			return true
		}
	}
	return false
}

func exists(p string) bool {
	_, err := os.Stat(p)
	return err == nil
}

// entries turns files into tarball entries, adding the targets of
// in-tree symlinks as regular files. prefix is put before every name.
func entries(prefix string, files []diskFile) []tarball.Entry {
	var out []tarball.Entry
	for _, f := range files {
		e := tarball.Entry{Name: prefix + f.Path, Link: f.Link, Exec: f.Exec}
		if f.Link == "" {
			e.Data = f.Data
		} else if f.Target != "" {
			out = append(out, tarball.Entry{Name: prefix + f.Target, Data: f.Data})
		}
		out = append(out, e)
	}
	return out
}
