// Package testspassvalgrind implements the tests_pass_valgrind check: Module's run and api tests succeed under valgrind.
package testspassvalgrind

import (
	"github.com/ccan-archive/ccan/internal/lint"
	"github.com/ccan-archive/ccan/internal/lint/checks/testspass"
)

// Check is the tests_pass_valgrind check.
var Check = &lint.Check{
	Name:       "tests_pass_valgrind",
	Title:      "Module's run and api tests succeed under valgrind",
	Compulsory: false,
	Requires:   []*lint.Check{testspass.Check},
	Run:        run,
}

func run(pass *lint.Pass) (any, error) {
	return nil, lint.ErrNotImplemented
}
