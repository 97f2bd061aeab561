// Package dependsaccurate implements the depends_accurate check: Module's CCAN dependencies are the only CCAN files #included.
//
// Every "#include <ccan/X/file.h>" (or "...") in the module's .c and .h
// files must name the module itself or a direct dependency listed by
// `_info depends`; in test sources `_info testdepends` entries and
// ccan/tap are allowed too, as are the module's own test/ headers. A
// submodule (ccan/tal/str from ccan/tal) needs its own entry. Includes
// under a preprocessor condition are not reported (the compiler may
// never see them), except under a header's include guard. A missing
// dependency fails the check.
//
// Direct dependencies never included by the module's .c and .h files
// are reported as unused: that scores 0/1 but passes. Unused test
// dependencies are not reported (ccanlint's loop for them has a wrong
// bound, so in practice it never reports them either).
package dependsaccurate

import (
	"regexp"
	"strings"

	"github.com/ccan-archive/ccan/internal/csource"
	"github.com/ccan-archive/ccan/internal/lint"
	"github.com/ccan-archive/ccan/internal/lint/checks/dependsexist"
	"github.com/ccan-archive/ccan/internal/lint/checks/headersidempotent"
	"github.com/ccan-archive/ccan/internal/lint/checks/infocompiles"
	"github.com/ccan-archive/ccan/internal/lint/checks/testdependsexist"
	"github.com/ccan-archive/ccan/internal/lint/srcdocutil"
	"github.com/ccan-archive/ccan/internal/module"
)

// Check is the depends_accurate check.
var Check = &lint.Check{
	Name:       "depends_accurate",
	Title:      "Module's CCAN dependencies are the only CCAN files #included",
	Compulsory: false,
	Requires:   []*lint.Check{dependsexist.Check, infocompiles.Check, testdependsexist.Check, headersidempotent.Check},
	Run:        run,
}

// includeRe matches a ccan include and captures the directory part
// ("ccan/tal/str" from <ccan/tal/str/str.h>).
var includeRe = regexp.MustCompilePOSIX(`^[ \t]*#[ \t]*include[ \t]*[<"](ccan/+.+)/+[^/]+\.[ch][">]`)

// depSet is a list of allowed dependencies with their use recorded.
type depSet struct {
	names []string
	used  []bool
}

func (d *depSet) use(name string) bool {
	for i, n := range d.names {
		if n == name {
			d.used[i] = true
			return true
		}
	}
	return false
}

func newDepSet(names ...string) *depSet {
	return &depSet{names: names, used: make([]bool, len(names))}
}

func run(pass *lint.Pass) (any, error) {
	deps, err := uniqQuery(pass, module.Depends)
	if err != nil {
		return nil, err
	}
	tdeps, err := uniqQuery(pass, module.TestDepends)
	if err != nil {
		return nil, err
	}
	man := pass.Unit.Module.Manifest
	core := newDepSet(deps...)
	ok, err := checkFiles(pass, core, man.CFiles, man.HFiles)
	if err != nil {
		return nil, err
	}
	// Only the module's own sources count as using a dependency.
	unused := reportUnused(pass, core)
	// Tests may also use test dependencies, and ccan/tap for free.
	all := newDepSet(append(append(append([]string(nil), deps...), tdeps...), "ccan/tap")...)
	testsOK, err := checkFiles(pass, all, man.RunTests, man.APITests, man.CompileOK, man.CompileFail, man.TestHelpers)
	if err != nil {
		return nil, err
	}
	switch {
	case !ok || !testsOK:
		pass.Fail()
	case unused:
		pass.Score(true, 0, 1) // unused dependencies do not fail
	default:
		pass.Pass()
	}
	return nil, nil
}

// reportUnused reports the ccan/ dependencies in d never used, and
// whether there were any.
func reportUnused(pass *lint.Pass, d *depSet) bool {
	found := false
	for i, name := range d.names {
		if !d.used[i] && strings.HasPrefix(name, "ccan/") {
			pass.Reportf(pass.Unit.Module.Manifest.Info, 0, "%s is an unused dependency", name)
			found = true
		}
	}
	return found
}

// uniqQuery asks _info for its direct dependencies of one kind,
// dropping repeats.
func uniqQuery(pass *lint.Pass, keyword string) ([]string, error) {
	lines, err := pass.Unit.Query(pass.Ctx, keyword)
	if err != nil {
		return nil, err
	}
	var out []string
	seen := map[string]bool{}
	for _, l := range lines {
		if !seen[l] {
			seen[l] = true
			out = append(out, l)
		}
	}
	return out, nil
}

// checkFiles reports unlisted includes in the named files.
func checkFiles(pass *lint.Pass, deps *depSet, lists ...[]string) (bool, error) {
	files, err := srcdocutil.ReadAll(pass.Unit, lists...)
	if err != nil {
		return false, err
	}
	guards := guardConds(pass)
	ok := true
	for _, f := range files {
		info := f.Info()
		for i, line := range f.Lines {
			m := includeRe.FindStringSubmatch(line)
			if m == nil || ownInclude(pass.Unit.Module.Name, m[1]) || deps.use(m[1]) {
				continue
			}
			// Conditional includes may never be compiled: only those
			// under nothing but the include guard count.
			if c := info[i].Cond; c == nil || c == guards[f.Name] {
				pass.Reportf(f.Name, i+1, "%s not listed in _info", m[1])
				ok = false
			}
		}
	}
	return ok, nil
}

// ownInclude reports whether dir ("ccan/x/y") is the module itself or
// its test directory.
func ownInclude(name, dir string) bool {
	rest, ok := strings.CutPrefix(strings.TrimPrefix(dir, "ccan/"), name)
	return ok && (rest == "" || rest == "/test")
}

// guardConds returns the include-guard condition of each header, as
// headers_idempotent found it.
func guardConds(pass *lint.Pass) map[string]*csource.Cond {
	if r, ok := lint.ResultAs[*headersidempotent.Result](pass, headersidempotent.Check); ok {
		return r.Guards
	}
	guards := map[string]*csource.Cond{}
	for _, h := range pass.Unit.Module.Manifest.HFiles {
		if f, err := srcdocutil.Read(pass.Unit, h); err == nil {
			if g := csource.CheckGuard(f.Lines, f.Info()); g.Cond != nil {
				guards[h] = g.Cond
			}
		}
	}
	return guards
}
