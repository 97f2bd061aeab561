// Package dependsbuild implements the depends_build check: Module's
// CCAN dependencies can be found or built.
//
// Every module of the dependency closure and every test dependency is
// built as a dependency: each of its .c files compiled with the global
// flags only (not its _info cflags), merged with `ld -r`. Builds are
// shared by all modules of a run. The first dependency that does not
// build fails the check (0/1). The result also carries the libraries
// tests link with: the module's own `_info libs` and those of every
// module in its recursive testdepends and depends. Not run in safe mode.
package dependsbuild

import (
	"github.com/ccan-archive/ccan/internal/lint"
	"github.com/ccan-archive/ccan/internal/lint/buildutil"
	"github.com/ccan-archive/ccan/internal/lint/checks/dependsexist"
	"github.com/ccan-archive/ccan/internal/lint/checks/infoported"
	"github.com/ccan-archive/ccan/internal/lint/checks/testdependsexist"
	"github.com/ccan-archive/ccan/internal/module"
)

// Check is the depends_build check.
var Check = &lint.Check{
	Name:       "depends_build",
	Title:      "Module's CCAN dependencies can be found or built",
	Doc:        "the module's CCAN dependencies and test dependencies build",
	Compulsory: false,
	Requires:   []*lint.Check{dependsexist.Check, testdependsexist.Check, infoported.Check},
	CanRun:     buildutil.SafeMode,
	Run:        run,
}

// Result holds the built dependency objects (header-only dependencies
// contribute none).
type Result struct {
	DepObjects     []string // objects of dependsexist.Result.Deps, in that order
	TestDepObjects []string // objects of testdependsexist.Result.TestDeps
	Libs           []string // libraries for linking tests (without -l)
}

func run(pass *lint.Pass) (any, error) {
	res, err := Build(pass, false)
	if err != nil || res == nil {
		return nil, err
	}
	libs, err := buildutil.Libs(pass.Ctx, pass.Unit, module.TestDepends)
	if err != nil {
		return nil, err
	}
	res.Libs = libs
	pass.Pass()
	return res, nil
}

// Build builds the dependencies and test dependencies (reduced: with
// the unit's reduced-features config.h). On a dependency failure it
// fails the pass and returns nil.
func Build(pass *lint.Pass, reduced bool) (*Result, error) {
	var deps, testDeps []string
	if d, ok := lint.ResultAs[*dependsexist.Result](pass, dependsexist.Check); ok && d != nil {
		deps = d.Deps
	}
	if t, ok := lint.ResultAs[*testdependsexist.Result](pass, testdependsexist.Check); ok && t != nil {
		testDeps = t.TestDeps
	}
	res := &Result{}
	var err error
	if res.DepObjects, err = buildutil.DepObjects(pass.Ctx, pass.Unit, deps, reduced); err != nil {
		return nil, buildutil.ReportDepError(pass, err)
	}
	if res.TestDepObjects, err = buildutil.DepObjects(pass.Ctx, pass.Unit, testDeps, reduced); err != nil {
		return nil, buildutil.ReportDepError(pass, err)
	}
	return res, nil
}
