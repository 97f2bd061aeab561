// Package testshelperscompilewithoutfeatures implements the
// tests_helpers_compile_without_features check: Module tests helpers
// compile (without features).
//
// As tests_helpers_compile, with the reduced-features config.h first on
// the include path. It applies only when reduce_features turned at
// least one feature off ("No features to turn off" otherwise).
package testshelperscompilewithoutfeatures

import (
	"path/filepath"

	"github.com/ccan-archive/ccan/internal/lint"
	"github.com/ccan-archive/ccan/internal/lint/buildutil"
	"github.com/ccan-archive/ccan/internal/lint/checks/dependsbuildwithoutfeatures"
	"github.com/ccan-archive/ccan/internal/lint/checks/testsexist"
)

// Check is the tests_helpers_compile_without_features check.
var Check = &lint.Check{
	Name:       "tests_helpers_compile_without_features",
	Title:      "Module tests helpers compile (without features)",
	Doc:        "the module's test helpers compile with features turned off",
	Compulsory: false,
	Requires:   []*lint.Check{dependsbuildwithoutfeatures.Check, testsexist.Check},
	CanRun:     buildutil.FeaturesReduced,
	Run:        run,
}

// Result holds the helper objects built with reduced features.
type Result struct {
	Objects []string
}

func run(pass *lint.Pass) (any, error) {
	u := pass.Unit
	objs, err := buildutil.CompileHelpers(pass, filepath.Join(u.Work, "helpers-nofeat"), lint.CompileOpts{
		Flags: []string{buildutil.ReducedFlag(u)}, Kind: "nofeat compile",
	})
	if err != nil {
		return nil, err
	}
	return &Result{Objects: objs}, nil
}
