// Package testdependsexist implements the test_depends_exist check: Module's CCAN test dependencies can be found.
package testdependsexist

import (
	"github.com/ccan-archive/ccan/internal/lint"
	"github.com/ccan-archive/ccan/internal/lint/checks/dependsexist"
)

// Check is the test_depends_exist check.
var Check = &lint.Check{
	Name:       "test_depends_exist",
	Title:      "Module's CCAN test dependencies can be found",
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
	return nil, lint.ErrNotImplemented
}
