// Package testdependsexist implements the test_depends_exist check:
// Module's CCAN test dependencies can be found.
//
// The `_info testdepends` answer of the module, expanded with the
// depends of each entry, gives the test dependencies; entries already
// in the module's dependency closure and the module itself are dropped,
// and ccan/tap is added when the module has run or api tests (unless
// the module is tap, or tap is listed). Each must exist in the tree:
// 1/1, or FAIL 0/1.
package testdependsexist

import (
	"strings"

	"github.com/ccan-archive/ccan/internal/lint"
	"github.com/ccan-archive/ccan/internal/lint/checks/dependsexist"
	"github.com/ccan-archive/ccan/internal/module"
)

// Check is the test_depends_exist check.
var Check = &lint.Check{
	Name:       "test_depends_exist",
	Title:      "Module's CCAN test dependencies can be found",
	Doc:        "the module's CCAN test dependencies exist in the tree",
	Compulsory: false,
	Requires:   []*lint.Check{dependsexist.Check},
	Run:        run,
}

// Result lists the module's test-only CCAN dependencies.
type Result struct {
	// TestDeps is recursive(testdepends) minus the normal dependencies,
	// minus the module itself, plus ccan/tap when the module has run or
	// api tests (unless it is tap).
	TestDeps []string
}

func run(pass *lint.Pass) (any, error) {
	u := pass.Unit
	m := u.Module
	needTap := m.Name != "tap" && m.Manifest.HasTests()
	listed, err := m.Deps(pass.Ctx, u.Cfg.Querier, module.DepsOptions{Style: module.TestDepends})
	if err != nil {
		pass.Report("Could not extract test dependencies: " + err.Error())
		return nil, nil
	}
	normal := map[string]bool{}
	if d, ok := lint.ResultAs[*dependsexist.Result](pass, dependsexist.Check); ok && d != nil {
		for _, n := range d.Deps {
			normal[n] = true
		}
	}
	res := &Result{}
	for _, d := range listed {
		if !strings.HasPrefix(d, "ccan/") {
			continue
		}
		if d == "ccan/tap" {
			needTap = false
		}
		if normal[d] || d == "ccan/"+m.Name {
			continue
		}
		if !add(pass, res, d) {
			return nil, nil
		}
	}
	if needTap && !normal["ccan/tap"] && !add(pass, res, "ccan/tap") {
		return nil, nil
	}
	pass.Pass()
	return res, nil
}

func add(pass *lint.Pass, res *Result, dep string) bool {
	if err := dependsexist.Exists(pass.Unit, dep); err != nil {
		pass.Report(err.Error())
		return false
	}
	res.TestDeps = append(res.TestDeps, dep)
	return true
}
