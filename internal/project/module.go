package project

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"sort"
	"strings"

	"github.com/ccan-archive/ccan/internal/derrors"
	"github.com/ccan-archive/ccan/internal/doc"
	"github.com/ccan-archive/ccan/internal/tarball"
)

// NewModule describes a module version from its verified tarball
// entries: every file with its SHA-256, and the license named by its
// _info.
func NewModule(name, version string, deps []string, tb Tarball, entries []tarball.Entry) *Module {
	m := &Module{Name: name, Version: version, Deps: append([]string{}, deps...), Tarball: tb, Files: filesOf(entries)}
	for _, e := range entries {
		if e.Name == "ccan/"+name+"/_info" {
			secs, _ := doc.Parse(e.Data)
			for _, s := range doc.Select(secs, "license", "") {
				if len(s.Lines) > 0 {
					m.License = strings.TrimSpace(s.Lines[0])
					break
				}
			}
		}
	}
	return m
}

func filesOf(entries []tarball.Entry) []File {
	out := make([]File, 0, len(entries))
	for _, e := range entries {
		f := File{Path: e.Name, Link: e.Link}
		if e.Link == "" {
			f.SHA256, f.Exec = sum(e.Data), e.Exec
		}
		out = append(out, f)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Path < out[j].Path })
	return out
}

func sum(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}

// checkEntries reports an error unless entries hold exactly m's files.
func checkEntries(m *Module, entries []tarball.Entry) error {
	got := filesOf(entries)
	if len(got) != len(m.Files) {
		return derrors.Errorf(derrors.BadModule, "ccan/%s %s: the archive's tarball has %d files, %s lists %d", m.Name, m.Version, len(got), LockFile, len(m.Files))
	}
	for i, f := range got {
		if f != m.Files[i] {
			return derrors.Errorf(derrors.BadModule, "ccan/%s %s: %s in the archive's tarball differs from %s", m.Name, m.Version, f.Path, LockFile)
		}
	}
	return nil
}

// unit is the directory (or file) a module's files are replaced as:
// ccan/TOP for ccan/TOP and ccan/TOP/SUB, so nested modules move with
// their parent.
func unit(name string) string {
	top, _, _ := strings.Cut(name, "/")
	return "ccan/" + top
}

// isLicense reports whether a project path is a license text.
func isLicense(p string) bool { return strings.HasPrefix(p, "licenses/") }

// needs returns, for each module of l, the names of the modules of l
// that depend on it directly.
func needs(l *Lock) map[string][]string {
	out := map[string][]string{}
	for _, m := range l.Modules {
		for _, d := range m.Deps {
			n := strings.TrimPrefix(d, "ccan/")
			out[n] = append(out[n], m.Name)
		}
	}
	return out
}

// Dependents returns the modules of l other than the excluded ones that
// depend on name directly, sorted.
func Dependents(l *Lock, name string, exclude map[string]bool) []string {
	var out []string
	for _, n := range needs(l)[name] {
		if !exclude[n] {
			out = append(out, n)
		}
	}
	sort.Strings(out)
	return out
}

// Prune removes the modules no direct module needs any more (through
// any chain) and returns their names.
func Prune(l *Lock) []string {
	keep := map[string]bool{}
	var stack []string
	for _, m := range l.Modules {
		if m.Direct {
			stack = append(stack, m.Name)
		}
	}
	for len(stack) > 0 {
		n := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if keep[n] {
			continue
		}
		keep[n] = true
		if m := l.Module(n); m != nil {
			for _, d := range m.Deps {
				stack = append(stack, strings.TrimPrefix(d, "ccan/"))
			}
		}
	}
	var gone []string
	for _, m := range append([]*Module(nil), l.Modules...) {
		if !keep[m.Name] {
			gone = append(gone, m.Name)
			l.Delete(m.Name)
		}
	}
	return gone
}

// licenseFiles maps each license text path of l to its SHA-256; two
// modules shipping different texts under one name is an error.
func licenseFiles(l *Lock) (map[string]string, error) {
	out := map[string]string{}
	for _, m := range l.Modules {
		for _, f := range m.Files {
			if !isLicense(f.Path) {
				continue
			}
			if prev, ok := out[f.Path]; ok && prev != f.SHA256 {
				return nil, fmt.Errorf("%s: two modules ship different texts (ccan/%s's differs)", f.Path, m.Name)
			}
			out[f.Path] = f.SHA256
		}
	}
	return out, nil
}
