// Package testshelperscompilewithoutfeatures implements the tests_helpers_compile_without_features check: Module tests helpers compile (without features).
package testshelperscompilewithoutfeatures

import (
	"github.com/ccan-archive/ccan/internal/lint"
	"github.com/ccan-archive/ccan/internal/lint/checks/dependsbuildwithoutfeatures"
	"github.com/ccan-archive/ccan/internal/lint/checks/testsexist"
)

// Check is the tests_helpers_compile_without_features check.
var Check = &lint.Check{
	Name:       "tests_helpers_compile_without_features",
	Title:      "Module tests helpers compile (without features)",
	Compulsory: false,
	Requires:   []*lint.Check{dependsbuildwithoutfeatures.Check, testsexist.Check},
	Run:        run,
}

// Result holds the helper objects built with reduced features.
type Result struct {
	Objects []string
}

func run(pass *lint.Pass) (any, error) {
	return nil, lint.ErrNotImplemented
}
