// Package testspasswithoutfeatures implements the tests_pass_without_features check: Module's run and api tests pass (without features).
package testspasswithoutfeatures

import (
	"github.com/ccan-archive/ccan/internal/lint"
	"github.com/ccan-archive/ccan/internal/lint/checks/testscompilewithoutfeatures"
)

// Check is the tests_pass_without_features check.
var Check = &lint.Check{
	Name:       "tests_pass_without_features",
	Title:      "Module's run and api tests pass (without features)",
	Compulsory: false,
	Requires:   []*lint.Check{testscompilewithoutfeatures.Check},
	Run:        run,
}

func run(pass *lint.Pass) (any, error) {
	return nil, lint.ErrNotImplemented
}
