package project

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/ccan-archive/ccan/internal/fetch"
)

// Drift kinds.
const (
	Modified = "modified" // content (or link target, or file type) differs from the lock
	Missing  = "missing"  // a locked file is gone
	Added    = "added"    // a file in a vendored module's directory that the lock does not list
)

// Drift is one vendored file that differs from the lock.
type Drift struct {
	Path   string `json:"path"`   // project-relative
	Module string `json:"module"` // the module the file belongs to
	Kind   string `json:"kind"`
}

// Verify compares the vendored files under dir with lock l, file by
// file. Files in a module's directory that the lock does not list are
// reported as Added, except hidden names, build products (*.o, *.a...)
// and directories holding other modules.
func Verify(dir string, l *Lock) ([]Drift, error) {
	var out []Drift
	seen := map[string]bool{}
	for _, m := range l.Modules {
		for _, f := range m.Files {
			if seen[f.Path] {
				continue // a license text shared by modules
			}
			seen[f.Path] = true
			kind, err := checkFile(dir, f)
			if err != nil {
				return nil, err
			}
			if kind != "" {
				out = append(out, Drift{Path: f.Path, Module: m.Name, Kind: kind})
			}
		}
	}
	managed := map[string]bool{}
	for _, m := range l.Modules {
		managed["ccan/"+m.Name] = true
	}
	for _, m := range l.Modules {
		added, err := extraFiles(dir, "ccan/"+m.Name, seen, managed)
		if err != nil {
			return nil, err
		}
		for _, p := range added {
			out = append(out, Drift{Path: p, Module: m.Name, Kind: Added})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Path < out[j].Path })
	return out, nil
}

// checkFile returns the drift kind of one locked file, "" when intact.
func checkFile(dir string, f File) (string, error) {
	p := filepath.Join(dir, filepath.FromSlash(f.Path))
	fi, err := os.Lstat(p)
	if errors.Is(err, fs.ErrNotExist) {
		return Missing, nil
	}
	if err != nil {
		return "", err
	}
	if f.Link != "" {
		target, err := os.Readlink(p)
		if err != nil || filepath.ToSlash(target) != f.Link {
			return Modified, nil
		}
		return "", nil
	}
	if !fi.Mode().IsRegular() {
		return Modified, nil
	}
	b, err := os.ReadFile(p)
	if err != nil {
		return "", err
	}
	if sum(b) != f.SHA256 {
		return Modified, nil
	}
	return "", nil
}

// extraFiles lists files below the module directory rel that are not in
// known, skipping what is never module content and other modules'
// directories.
func extraFiles(dir, rel string, known, managed map[string]bool) ([]string, error) {
	top := filepath.Join(dir, filepath.FromSlash(rel))
	var out []string
	err := filepath.WalkDir(top, func(p string, de fs.DirEntry, err error) error {
		if errors.Is(err, fs.ErrNotExist) && p == top {
			return filepath.SkipDir
		}
		if err != nil {
			return err
		}
		r, _ := filepath.Rel(dir, p)
		r = filepath.ToSlash(r)
		if p != top && (strings.HasPrefix(de.Name(), ".") || de.IsDir() && (managed[r] || isNested(p))) {
			if de.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if !de.IsDir() && !known[r] && !fetch.IsBuildProduct(de.Name()) {
			out = append(out, r)
		}
		return nil
	})
	return out, err
}

func isNested(p string) bool {
	_, err := os.Lstat(filepath.Join(p, "_info"))
	return err == nil
}
