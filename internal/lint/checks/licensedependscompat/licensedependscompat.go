// Package licensedependscompat implements the license_depends_compat check: CCAN dependencies don't contain incompatible licenses.
//
// Every module in the recursive dependency closure is looked up in the
// tree and its own _info License: tag read; a known license that is not
// compatible with the module's (see license.Compatible) fails the check.
// Dependencies with unknown licenses are ignored, and a module whose own
// license is unknown is not checked (0/0).
package licensedependscompat

import (
	"path/filepath"
	"strings"

	"github.com/ccan-archive/ccan/internal/doc"
	"github.com/ccan-archive/ccan/internal/license"
	"github.com/ccan-archive/ccan/internal/lint"
	"github.com/ccan-archive/ccan/internal/lint/checks/dependsexist"
	"github.com/ccan-archive/ccan/internal/lint/checks/licenseexists"
	"github.com/ccan-archive/ccan/internal/lint/srcdocutil"
)

// Check is the license_depends_compat check.
var Check = &lint.Check{
	Name:       "license_depends_compat",
	Title:      "CCAN dependencies don't contain incompatible licenses",
	Compulsory: false,
	Requires:   []*lint.Check{licenseexists.Check, dependsexist.Check},
	Run:        run,
}

func run(pass *lint.Pass) (any, error) {
	lic, ok := lint.ResultAs[*licenseexists.Result](pass, licenseexists.Check)
	if !ok || !lic.License.Known() {
		pass.Score(true, 0, 0) // unknown license: nothing to compare
		return nil, nil
	}
	passed := true
	if deps, ok := lint.ResultAs[*dependsexist.Result](pass, dependsexist.Check); ok {
		for _, d := range deps.Deps {
			if !checkDep(pass, lic.License, strings.TrimPrefix(d, "ccan/")) {
				passed = false
			}
		}
	}
	if passed {
		pass.Pass()
	} else {
		pass.Fail()
	}
	return nil, nil
}

// checkDep reports a dependency whose license is incompatible with l.
func checkDep(pass *lint.Pass, l license.License, dep string) bool {
	m := pass.Unit.Module
	info := filepath.Join(m.Tree.ModuleDir(dep), "_info")
	secs, _, err := doc.ParseFile(info)
	if err != nil {
		return true // depends_exist vouched for it; nothing to read
	}
	dl := license.FromString(srcdocutil.FirstLine(srcdocutil.FindSection(secs, dep, "license")))
	if !dl.Known() || l.Compatible(dl) {
		return true
	}
	name := info
	if rel, err := filepath.Rel(m.Dir, info); err == nil {
		name = filepath.ToSlash(rel)
	}
	pass.Reportf(name, 0, "Dependency ccan/%s has incompatible license '%s'", dep, dl)
	return false
}
