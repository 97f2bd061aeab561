// Package dependsbuild implements the depends_build check: Module's CCAN dependencies can be found or built.
package dependsbuild

import (
	"github.com/ccan-archive/ccan/internal/lint"
	"github.com/ccan-archive/ccan/internal/lint/checks/dependsexist"
	"github.com/ccan-archive/ccan/internal/lint/checks/infoported"
	"github.com/ccan-archive/ccan/internal/lint/checks/testdependsexist"
)

// Check is the depends_build check.
var Check = &lint.Check{
	Name:       "depends_build",
	Title:      "Module's CCAN dependencies can be found or built",
	Compulsory: false,
	Requires:   []*lint.Check{dependsexist.Check, testdependsexist.Check, infoported.Check},
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
	return nil, lint.ErrNotImplemented
}
