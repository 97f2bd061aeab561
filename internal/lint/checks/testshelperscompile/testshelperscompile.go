// Package testshelperscompile implements the tests_helpers_compile
// check: Module test helper objects compile.
//
// Each test helper (a test/*.c file that is not a run, api, compile_ok
// or compile_fail test) is compiled to an object with the global flags;
// the objects are linked into every test program. Total 2 (0 without
// helpers); any compiler output costs one point; an error fails. Not run
// in safe mode.
package testshelperscompile

import (
	"path/filepath"

	"github.com/ccan-archive/ccan/internal/lint"
	"github.com/ccan-archive/ccan/internal/lint/buildutil"
	"github.com/ccan-archive/ccan/internal/lint/checks/dependsbuild"
	"github.com/ccan-archive/ccan/internal/lint/checks/testsexist"
)

// Check is the tests_helpers_compile check.
var Check = &lint.Check{
	Name:       "tests_helpers_compile",
	Title:      "Module test helper objects compile",
	Doc:        "the module's test helper sources compile",
	Compulsory: false,
	Requires:   []*lint.Check{dependsbuild.Check, testsexist.Check},
	CanRun:     buildutil.SafeMode,
	Run:        run,
}

// Result holds the helper objects (other test/*.c), in name order.
type Result struct {
	Objects []string
}

func run(pass *lint.Pass) (any, error) {
	objs, err := buildutil.CompileHelpers(pass, filepath.Join(pass.Unit.Work, "helpers"), lint.CompileOpts{})
	if err != nil {
		return nil, err
	}
	return &Result{Objects: objs}, nil
}
