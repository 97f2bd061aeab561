// Package dependsbuildwithoutfeatures implements the
// depends_build_without_features check: Module's CCAN dependencies can
// be found or built (reduced features).
//
// As depends_build, with the module's reduced-features config.h first
// on the include path of every dependency compile. 1/1, or FAIL 0/1.
// Not run in safe mode. When reduce_features turned nothing off there is
// no reduced config.h, the compiles would be depends_build's own, and so
// depends_build's builds (shared by the whole run) are used.
package dependsbuildwithoutfeatures

import (
	"github.com/ccan-archive/ccan/internal/lint"
	"github.com/ccan-archive/ccan/internal/lint/buildutil"
	"github.com/ccan-archive/ccan/internal/lint/checks/dependsbuild"
	"github.com/ccan-archive/ccan/internal/lint/checks/reducefeatures"
)

// Check is the depends_build_without_features check.
var Check = &lint.Check{
	Name:       "depends_build_without_features",
	Title:      "Module's CCAN dependencies can be found or built (reduced features)",
	Doc:        "the module's CCAN dependencies build with features turned off",
	Compulsory: false,
	Requires:   []*lint.Check{dependsbuild.Check, reducefeatures.Check},
	CanRun:     buildutil.SafeMode,
	Run:        run,
}

// Result holds the dependency objects built with reduced features.
type Result struct {
	DepObjects     []string
	TestDepObjects []string
}

func run(pass *lint.Pass) (any, error) {
	res, err := dependsbuild.Build(pass, pass.Unit.FeaturesReduced.Load())
	if err != nil || res == nil {
		return nil, err
	}
	pass.Pass()
	return &Result{DepObjects: res.DepObjects, TestDepObjects: res.TestDepObjects}, nil
}
