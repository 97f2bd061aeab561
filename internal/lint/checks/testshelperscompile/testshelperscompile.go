// Package testshelperscompile implements the tests_helpers_compile check: Module test helper objects compile.
package testshelperscompile

import (
	"github.com/ccan-archive/ccan/internal/lint"
	"github.com/ccan-archive/ccan/internal/lint/checks/dependsbuild"
	"github.com/ccan-archive/ccan/internal/lint/checks/testsexist"
)

// Check is the tests_helpers_compile check.
var Check = &lint.Check{
	Name:       "tests_helpers_compile",
	Title:      "Module test helper objects compile",
	Compulsory: false,
	Requires:   []*lint.Check{dependsbuild.Check, testsexist.Check},
	Run:        run,
}

// Result holds the helper objects (other test/*.c), in name order.
type Result struct {
	Objects []string
}

func run(pass *lint.Pass) (any, error) {
	return nil, lint.ErrNotImplemented
}
