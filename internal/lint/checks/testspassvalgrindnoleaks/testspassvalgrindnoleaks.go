// Package testspassvalgrindnoleaks implements the tests_pass_valgrind_noleaks check: Module's run and api tests have no memory leaks.
package testspassvalgrindnoleaks

import (
	"github.com/ccan-archive/ccan/internal/lint"
	"github.com/ccan-archive/ccan/internal/lint/checks/testspassvalgrind"
)

// Check is the tests_pass_valgrind_noleaks check.
var Check = &lint.Check{
	Name:       "tests_pass_valgrind_noleaks",
	Title:      "Module's run and api tests have no memory leaks",
	Compulsory: false,
	Requires:   []*lint.Check{testspassvalgrind.Check},
	Run:        run,
}

func run(pass *lint.Pass) (any, error) {
	return nil, lint.ErrNotImplemented
}
