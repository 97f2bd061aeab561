// Package testspass implements the tests_pass check: Module's run and api tests pass.
package testspass

import (
	"github.com/ccan-archive/ccan/internal/lint"
	"github.com/ccan-archive/ccan/internal/lint/checks/testscompile"
)

// Check is the tests_pass check.
var Check = &lint.Check{
	Name:       "tests_pass",
	Title:      "Module's run and api tests pass",
	Compulsory: false,
	Requires:   []*lint.Check{testscompile.Check},
	Run:        run,
}

// Result records each run/api test's outcome.
type Result struct {
	// Valgrind reports whether tests ran under valgrind.
	Valgrind bool
	// Logs maps a test (module-relative) to its valgrind log ("" natively).
	Logs map[string]string
	// Passed maps a test to whether it exited 0.
	Passed map[string]bool
}

func run(pass *lint.Pass) (any, error) {
	return nil, lint.ErrNotImplemented
}
