// Package testscompilewithoutfeatures implements the tests_compile_without_features check: Module tests compile (without features).
package testscompilewithoutfeatures

import (
	"github.com/ccan-archive/ccan/internal/lint"
	"github.com/ccan-archive/ccan/internal/lint/checks/modulebuilds"
	"github.com/ccan-archive/ccan/internal/lint/checks/objectsbuildwithoutfeatures"
	"github.com/ccan-archive/ccan/internal/lint/checks/testshelperscompilewithoutfeatures"
)

// Check is the tests_compile_without_features check.
var Check = &lint.Check{
	Name:       "tests_compile_without_features",
	Title:      "Module tests compile (without features)",
	Compulsory: false,
	Requires:   []*lint.Check{modulebuilds.Check, testshelperscompilewithoutfeatures.Check, objectsbuildwithoutfeatures.Check},
	Run:        run,
}

// Result maps each run/api/compile_ok test to its reduced-features
// executable.
type Result struct {
	Binaries map[string]string
}

func run(pass *lint.Pass) (any, error) {
	return nil, lint.ErrNotImplemented
}
