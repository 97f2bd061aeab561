// Package testscompile implements the tests_compile check: Module tests compile.
package testscompile

import (
	"github.com/ccan-archive/ccan/internal/lint"
	"github.com/ccan-archive/ccan/internal/lint/checks/objectsbuild"
	"github.com/ccan-archive/ccan/internal/lint/checks/testshelperscompile"
)

// Check is the tests_compile check.
var Check = &lint.Check{
	Name:       "tests_compile",
	Title:      "Module tests compile",
	Compulsory: false,
	Requires:   []*lint.Check{testshelperscompile.Check, objectsbuild.Check},
	Run:        run,
}

// Result maps each run/api/compile_ok test (module-relative name) to
// its executable.
type Result struct {
	Binaries map[string]string
}

func run(pass *lint.Pass) (any, error) {
	return nil, lint.ErrNotImplemented
}
