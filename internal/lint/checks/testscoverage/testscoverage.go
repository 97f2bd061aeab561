// Package testscoverage implements the tests_coverage check: Module's tests cover all the code.
package testscoverage

import (
	"github.com/ccan-archive/ccan/internal/lint"
	"github.com/ccan-archive/ccan/internal/lint/checks/testscompilecoverage"
	"github.com/ccan-archive/ccan/internal/lint/checks/testspass"
)

// Check is the tests_coverage check.
var Check = &lint.Check{
	Name:       "tests_coverage",
	Title:      "Module's tests cover all the code",
	Compulsory: false,
	Requires:   []*lint.Check{testscompilecoverage.Check, testspass.Check},
	Run:        run,
}

func run(pass *lint.Pass) (any, error) {
	return nil, lint.ErrNotImplemented
}
