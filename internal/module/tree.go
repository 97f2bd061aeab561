package module

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// Tree is a CCAN tree rooted at Dir, the directory that holds ccan/.
type Tree struct {
	Dir string // absolute, cleaned
}

// ErrNoTree is returned when a path is not inside a CCAN tree.
var ErrNoTree = errors.New("not inside a CCAN tree (no path component named \"ccan\")")

// FindTree locates the tree that contains path, the way the original tools
// do: the parent of the last path component named exactly "ccan". path may
// also be a tree's own directory (one that has a ccan/ subdirectory).
func FindTree(path string) (*Tree, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, err
	}
	if dir, ok := ccanDirPrefix(abs); ok {
		return &Tree{Dir: dir}, nil
	}
	if fi, err := os.Stat(filepath.Join(abs, "ccan")); err == nil && fi.IsDir() {
		return &Tree{Dir: abs}, nil
	}
	return nil, fmt.Errorf("%s: %w", path, ErrNoTree)
}

// ccanDirPrefix returns the parent of the last component named "ccan".
func ccanDirPrefix(abs string) (string, bool) {
	parts := strings.Split(filepath.ToSlash(abs), "/")
	for i := len(parts) - 1; i > 0; i-- {
		if parts[i] == "ccan" {
			dir := strings.Join(parts[:i], "/")
			if dir == "" {
				dir = "/"
			}
			return filepath.FromSlash(dir), true
		}
	}
	return "", false
}

// ModuleDir returns the directory of the named module ("str/hex").
func (t *Tree) ModuleDir(name string) string {
	return filepath.Join(t.Dir, "ccan", filepath.FromSlash(name))
}

// ConfigH returns the path of the tree's config.h (which may not exist).
func (t *Tree) ConfigH() string { return filepath.Join(t.Dir, "config.h") }

// Modules lists the names of all modules in the tree, sorted: every
// directory ccan/X or ccan/X/Y that holds a regular file named _info.
func (t *Tree) Modules() ([]string, error) {
	var names []string
	for _, pattern := range []string{"*/_info", "*/*/_info"} {
		matches, err := filepath.Glob(filepath.Join(t.Dir, "ccan", pattern))
		if err != nil {
			return nil, err
		}
		for _, m := range matches {
			fi, err := os.Stat(m)
			if err != nil || !fi.Mode().IsRegular() {
				continue
			}
			rel, _ := filepath.Rel(filepath.Join(t.Dir, "ccan"), filepath.Dir(m))
			rel = filepath.ToSlash(rel)
			if strings.HasPrefix(rel, ".") || strings.Contains(rel, "/.") {
				continue
			}
			names = append(names, rel)
		}
	}
	sort.Strings(names)
	return names, nil
}

// NameOf returns the module name of a directory inside the tree.
func (t *Tree) NameOf(dir string) (string, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return "", err
	}
	rel, err := filepath.Rel(filepath.Join(t.Dir, "ccan"), abs)
	if err != nil || rel == "." || strings.HasPrefix(rel, "..") {
		return "", fmt.Errorf("%s is not a module directory below %s", dir, filepath.Join(t.Dir, "ccan"))
	}
	return filepath.ToSlash(rel), nil
}

// Resolve turns a command-line module argument into a tree and module
// name. arg may be a module directory ("ccan/list", "/src/ccan/str/hex",
// "."), or a bare module name ("list", "ccan/list") looked up in the tree
// that contains base (the working directory) or in defaultTree.
func Resolve(arg, base string, defaultTree func() (*Tree, error)) (*Tree, string, error) {
	path := arg
	if !filepath.IsAbs(path) {
		path = filepath.Join(base, arg)
	}
	if fi, err := os.Stat(filepath.Join(path, "_info")); err == nil && !fi.IsDir() {
		t, err := FindTree(path)
		if err != nil {
			return nil, "", err
		}
		name, err := t.NameOf(path)
		return t, name, err
	}
	name := strings.TrimSuffix(strings.TrimPrefix(filepath.ToSlash(arg), "ccan/"), "/")
	var trees []*Tree
	if t, err := FindTree(base); err == nil {
		trees = append(trees, t)
	}
	if defaultTree != nil {
		if t, err := defaultTree(); err == nil {
			trees = append(trees, t)
		}
	}
	for _, t := range trees {
		if fi, err := os.Stat(filepath.Join(t.ModuleDir(name), "_info")); err == nil && !fi.IsDir() {
			return t, name, nil
		}
	}
	if _, err := os.Stat(path); err == nil {
		return nil, "", fmt.Errorf("%s: not a module (no _info file): %w", arg, fs.ErrNotExist)
	}
	return nil, "", fmt.Errorf("%s: no such module: %w", arg, fs.ErrNotExist)
}
