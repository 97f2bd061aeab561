package module

import (
	"context"
	"errors"
	"strings"
)

// Info is the summary of a module that "ccan info", the archive and the
// client show. Dependency lists come from a Querier, so their meaning
// (compiled or safe) is the caller's choice.
type Info struct {
	Name        string   `json:"name"`
	Summary     string   `json:"summary"`
	Description string   `json:"description"`
	Example     string   `json:"example,omitempty"`
	License     string   `json:"license"`
	LicenseFile string   `json:"license_file,omitempty"` // e.g. "licenses/CC0"
	Authors     []string `json:"authors"`
	Maintainers []string `json:"maintainers"`
	SeeAlso     []string `json:"see_also,omitempty"`
	Version     string   `json:"version,omitempty"`
	// Depends are the direct dependencies (ccan/ names and external ones).
	Depends []string `json:"depends"`
	// AllDepends is the recursive closure of the ccan/ dependencies.
	AllDepends  []string `json:"all_depends"`
	TestDepends []string `json:"testdepends"`
	// Libs are the module's own libraries; nil when unknown (safe mode).
	Libs  []string            `json:"libs"`
	Files map[string][]string `json:"files"` // by kind name
	// Warnings collects problems met while describing the module.
	Warnings []string `json:"warnings,omitempty"`
}

// Describe gathers m's Info, asking q for dependencies and libraries.
// Problems with individual answers become Warnings; only a cancelled ctx
// is an error.
func Describe(ctx context.Context, m *Module, q Querier) (*Info, error) {
	in := &Info{
		Name:        m.Name,
		Summary:     strings.TrimSpace(m.Summary()),
		Description: trimBlankLines(m.Field("description")),
		Example:     trimBlankLines(m.Field("example")),
		License:     strings.TrimSpace(m.LicenseString()),
		Authors:     nonNil(m.People("author")),
		Maintainers: nonNil(m.People("maintainer")),
		Version:     strings.TrimSpace(m.Field("version")),
		Files:       make(map[string][]string),
	}
	if m.License != nil {
		in.LicenseFile = m.License.Resolved
	}
	in.SeeAlso = splitSeeAlso(m.Field("see also"))
	for _, f := range m.Manifest.Files() {
		in.Files[f.Kind.String()] = append(in.Files[f.Kind.String()], f.Name)
	}
	warn := func(err error) { in.Warnings = append(in.Warnings, err.Error()) }
	var err error
	if in.Depends, err = Deps(ctx, q, m.Tree, m.Name, DepsOptions{Direct: true}); err != nil {
		warn(err)
	}
	if all, err := Deps(ctx, q, m.Tree, m.Name, DepsOptions{}); err != nil {
		warn(err)
	} else {
		for _, d := range all {
			if strings.HasPrefix(d, "ccan/") {
				in.AllDepends = append(in.AllDepends, d)
			}
		}
	}
	if in.TestDepends, err = Deps(ctx, q, m.Tree, m.Name, DepsOptions{Style: TestDepends, Direct: true}); err != nil {
		warn(err)
	}
	if libs, err := q.Query(ctx, m.Tree, m.Name, Libs); err == nil {
		in.Libs = nonNil(libs)
	} else if !errors.Is(err, ErrSafeMode) {
		warn(err)
	}
	in.Depends, in.AllDepends, in.TestDepends = nonNil(in.Depends), nonNil(in.AllDepends), nonNil(in.TestDepends)
	return in, ctx.Err()
}

// splitSeeAlso splits a See also: section on whitespace and commas.
func splitSeeAlso(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool {
		return r == ',' || r == ' ' || r == '\t' || r == '\n'
	})
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// trimBlankLines drops leading and trailing blank lines.
func trimBlankLines(s string) string {
	lines := strings.Split(s, "\n")
	for len(lines) > 0 && strings.TrimSpace(lines[0]) == "" {
		lines = lines[1:]
	}
	for len(lines) > 0 && strings.TrimSpace(lines[len(lines)-1]) == "" {
		lines = lines[:len(lines)-1]
	}
	return strings.Join(lines, "\n")
}
