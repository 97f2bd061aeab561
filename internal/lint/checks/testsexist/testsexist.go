// Package testsexist implements the tests_exist check: Module has test directory with tests in it.
package testsexist

import (
	"github.com/ccan-archive/ccan/internal/lint"
	"github.com/ccan-archive/ccan/internal/lint/checks/infoexists"
)

// Check is the tests_exist check.
var Check = &lint.Check{
	Name:       "tests_exist",
	Title:      "Module has test directory with tests in it",
	Compulsory: false,
	Requires:   []*lint.Check{infoexists.Check},
	Run:        run,
}

func run(pass *lint.Pass) (any, error) {
	return nil, lint.ErrNotImplemented
}
