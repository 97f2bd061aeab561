package module

import (
	"context"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/ccan-archive/ccan/internal/doc"
)

// Module is one loaded module: where it is, its files, and its _info
// documentation. Loading reads files only; it compiles nothing.
type Module struct {
	Tree     *Tree
	Name     string // "list", "str/hex"
	Dir      string // absolute
	Manifest *Manifest
	// Docs are the doc-comment sections of _info (nil without _info).
	Docs []doc.Section
	// DocWarnings are the extractor's complaints about _info.
	DocWarnings []doc.Warning
	// License describes the LICENSE file, if any.
	License *LicenseFile
}

// LicenseFile is a module's LICENSE entry.
type LicenseFile struct {
	// Target is the symlink's target ("../../licenses/CC0"), "" for a
	// regular file.
	Target string
	// Resolved is the tree-relative path of the license text
	// ("licenses/CC0") when the link points inside the tree.
	Resolved string
	// Dangling reports whether the link points nowhere.
	Dangling bool
}

// Load reads the named module.
func (t *Tree) Load(name string) (*Module, error) {
	dir := t.ModuleDir(name)
	man, err := ReadManifest(dir)
	if err != nil {
		return nil, fmt.Errorf("loading ccan/%s: %w", name, err)
	}
	m := &Module{Tree: t, Name: name, Dir: dir, Manifest: man}
	if man.Info != "" {
		secs, warns, err := doc.ParseFile(filepath.Join(dir, "_info"))
		if err != nil {
			return nil, fmt.Errorf("loading ccan/%s: %w", name, err)
		}
		m.Docs, m.DocWarnings = secs, warns
	}
	m.License = t.readLicense(dir)
	return m, nil
}

func (t *Tree) readLicense(dir string) *LicenseFile {
	p := filepath.Join(dir, "LICENSE")
	fi, err := os.Lstat(p)
	if err != nil {
		return nil
	}
	if fi.Mode()&os.ModeSymlink == 0 {
		return &LicenseFile{}
	}
	target, err := os.Readlink(p)
	if err != nil {
		return nil
	}
	lf := &LicenseFile{Target: target}
	abs := target
	if !filepath.IsAbs(abs) {
		abs = filepath.Join(dir, target)
	}
	if _, err := os.Stat(abs); err != nil {
		lf.Dangling = true
	}
	if rel, err := filepath.Rel(t.Dir, abs); err == nil && !strings.HasPrefix(rel, "..") {
		lf.Resolved = filepath.ToSlash(rel)
	}
	return lf
}

// Basename is the last component of the name ("hex" for "str/hex").
func (m *Module) Basename() string { return path.Base(m.Name) }

// MainHeader is the module-relative name of the main header ("hex.h").
func (m *Module) MainHeader() string { return m.Basename() + ".h" }

// Path returns the absolute path of a module-relative file name.
func (m *Module) Path(name string) string { return filepath.Join(m.Dir, filepath.FromSlash(name)) }

// Section returns the lines of every _info section of the given type
// ("summary", "license", "see also"), as the original doc extractor
// prints them for the web site, or nil.
func (m *Module) Section(typ string) []string {
	var out []string
	for _, s := range doc.Select(m.Docs, typ, "") {
		out = append(out, s.Lines...)
	}
	return out
}

// Field returns a section joined with newlines ("" if absent).
func (m *Module) Field(typ string) string { return strings.Join(m.Section(typ), "\n") }

// Summary returns the one-line summary from _info.
func (m *Module) Summary() string { return m.Field("summary") }

// LicenseString returns the License: section text ("CC0 (Public domain)").
func (m *Module) LicenseString() string { return m.Field("license") }

// People returns the lines of a people section ("author", "maintainer").
func (m *Module) People(typ string) []string {
	var out []string
	for _, s := range doc.Select(m.Docs, typ, "") {
		for _, l := range s.Lines {
			if l = strings.TrimSpace(l); l != "" {
				out = append(out, l)
			}
		}
	}
	return out
}

// Deps returns the module's dependencies through q (see Deps).
func (m *Module) Deps(ctx context.Context, q Querier, opts DepsOptions) ([]string, error) {
	return Deps(ctx, q, m.Tree, m.Name, opts)
}
