// Package testscompile implements the tests_compile check: Module tests
// compile.
//
// Every compile_ok, run and api test is compiled and linked at once (the
// builder bounds the number of processes) with the global flags and the
// module's _info cflags, against the test helper objects, [api tests
// only: the module's own objects,] the objects of every dependency and
// test dependency, and the test libraries. If all of them built, each
// compile_fail test is built twice: without -DFAIL it must build with no
// output at all, with -DFAIL it must fail or print something.
//
// Score: total 1 plus one per compile_fail test that behaved (counted up
// to the first that did not); one point is lost if any ordinary test
// printed anything; any error fails. Not run in safe mode.
package testscompile

import (
	"path/filepath"

	"github.com/ccan-archive/ccan/internal/lint"
	"github.com/ccan-archive/ccan/internal/lint/buildutil"
	"github.com/ccan-archive/ccan/internal/lint/checks/dependsbuild"
	"github.com/ccan-archive/ccan/internal/lint/checks/objectsbuild"
	"github.com/ccan-archive/ccan/internal/lint/checks/testshelperscompile"
)

// Check is the tests_compile check.
var Check = &lint.Check{
	Name:       "tests_compile",
	Title:      "Module tests compile",
	Doc:        "the module's tests compile (and compile_fail tests fail with -DFAIL)",
	Compulsory: false,
	Requires:   []*lint.Check{testshelperscompile.Check, objectsbuild.Check},
	CanRun:     buildutil.SafeMode,
	Run:        run,
}

// Result maps each run/api/compile_ok test (module-relative name) to
// its executable.
type Result struct {
	Binaries map[string]string
}

func run(pass *lint.Pass) (any, error) {
	u := pass.Unit
	flags, err := buildutil.InfoCFlags(pass.Ctx, u)
	if err != nil {
		return nil, err
	}
	b := &buildutil.TestBuild{Dir: filepath.Join(u.Work, "tests"), Flags: flags, Kind: "test compile+link"}
	if h, ok := lint.ResultAs[*testshelperscompile.Result](pass, testshelperscompile.Check); ok && h != nil {
		b.Helpers = h.Objects
	}
	if o, ok := lint.ResultAs[*objectsbuild.Result](pass, objectsbuild.Check); ok && o != nil {
		b.Module = o.Objects
	}
	if d, ok := lint.ResultAs[*dependsbuild.Result](pass, dependsbuild.Check); ok && d != nil {
		b.Deps = append(append(b.Deps, d.DepObjects...), d.TestDepObjects...)
		b.Libs = d.Libs
	}
	bins, err := buildutil.CompileTests(pass, b)
	if err != nil {
		return nil, err
	}
	return &Result{Binaries: bins}, nil
}
