// Package testscompilewithoutfeatures implements the
// tests_compile_without_features check: Module tests compile (without
// features).
//
// As tests_compile, with the reduced-features config.h first on the
// include path and against the reduced-features builds of the helpers,
// the module's objects and the dependencies. It applies only when
// reduce_features turned at least one feature off.
package testscompilewithoutfeatures

import (
	"path/filepath"

	"github.com/ccan-archive/ccan/internal/lint"
	"github.com/ccan-archive/ccan/internal/lint/buildutil"
	"github.com/ccan-archive/ccan/internal/lint/checks/dependsbuild"
	"github.com/ccan-archive/ccan/internal/lint/checks/dependsbuildwithoutfeatures"
	"github.com/ccan-archive/ccan/internal/lint/checks/modulebuilds"
	"github.com/ccan-archive/ccan/internal/lint/checks/objectsbuildwithoutfeatures"
	"github.com/ccan-archive/ccan/internal/lint/checks/testshelperscompilewithoutfeatures"
)

// Check is the tests_compile_without_features check.
var Check = &lint.Check{
	Name:       "tests_compile_without_features",
	Title:      "Module tests compile (without features)",
	Doc:        "the module's tests compile with features turned off",
	Compulsory: false,
	Requires:   []*lint.Check{modulebuilds.Check, testshelperscompilewithoutfeatures.Check, objectsbuildwithoutfeatures.Check},
	CanRun:     buildutil.FeaturesReduced,
	Run:        run,
}

// Result maps each run/api/compile_ok test to its reduced-features
// executable.
type Result struct {
	Binaries map[string]string
}

func run(pass *lint.Pass) (any, error) {
	u := pass.Unit
	flags, err := buildutil.InfoCFlags(pass.Ctx, u)
	if err != nil {
		return nil, err
	}
	b := &buildutil.TestBuild{
		Dir:   filepath.Join(u.Work, "tests-nofeat"),
		Flags: append([]string{buildutil.ReducedFlag(u)}, flags...),
		Kind:  "nofeat test compile+link",
	}
	if h, ok := lint.ResultAs[*testshelperscompilewithoutfeatures.Result](pass, testshelperscompilewithoutfeatures.Check); ok && h != nil {
		b.Helpers = h.Objects
	}
	if o, ok := lint.ResultAs[*objectsbuildwithoutfeatures.Result](pass, objectsbuildwithoutfeatures.Check); ok && o != nil {
		b.Module = o.Objects
	}
	if d, ok := lint.ResultAs[*dependsbuildwithoutfeatures.Result](pass, dependsbuildwithoutfeatures.Check); ok && d != nil {
		b.Deps = append(append(b.Deps, d.DepObjects...), d.TestDepObjects...)
	}
	if d, ok := lint.ResultAs[*dependsbuild.Result](pass, dependsbuild.Check); ok && d != nil {
		b.Libs = d.Libs
	}
	bins, err := buildutil.CompileTests(pass, b)
	if err != nil {
		return nil, err
	}
	return &Result{Binaries: bins}, nil
}
