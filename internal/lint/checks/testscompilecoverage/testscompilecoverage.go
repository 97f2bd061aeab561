// Package testscompilecoverage implements the tests_compile_coverage check: Module tests compile with -fprofile-arcs -ftest-coverage.
package testscompilecoverage

import (
	"github.com/ccan-archive/ccan/internal/lint"
	"github.com/ccan-archive/ccan/internal/lint/checks/testscompile"
)

// Check is the tests_compile_coverage check.
var Check = &lint.Check{
	Name:       "tests_compile_coverage",
	Title:      "Module tests compile with -fprofile-arcs -ftest-coverage",
	Compulsory: false,
	Requires:   []*lint.Check{testscompile.Check},
	Run:        run,
}

func run(pass *lint.Pass) (any, error) {
	return nil, lint.ErrNotImplemented
}
