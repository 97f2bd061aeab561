// Package objectsbuildwithoutfeatures implements the
// objects_build_without_features check: Module object files can be
// built (without features).
//
// As objects_build, with the reduced-features config.h first on the
// include path (-I<scratch>/reduced-features before the global flags).
// It has no applicability hook of its own: it runs (against the normal
// config.h) even when reduce_features turned nothing off. Its compiles
// are then objects_build's own (the reduced-features directory does not
// exist, and a missing include directory changes nothing), so it replays
// objects_build's outcome and objects instead of compiling again.
package objectsbuildwithoutfeatures

import (
	"path/filepath"

	"github.com/ccan-archive/ccan/internal/lint"
	"github.com/ccan-archive/ccan/internal/lint/buildutil"
	"github.com/ccan-archive/ccan/internal/lint/checks/objectsbuild"
	"github.com/ccan-archive/ccan/internal/lint/checks/reducefeatures"
)

// Check is the objects_build_without_features check.
var Check = &lint.Check{
	Name:       "objects_build_without_features",
	Title:      "Module object files can be built (without features)",
	Doc:        "the module's .c files compile with features turned off",
	Compulsory: false,
	Requires:   []*lint.Check{reducefeatures.Check, objectsbuild.Check},
	Run:        run,
}

// Result is the module's objects built against the reduced config.h.
type Result struct {
	Objects []string
}

func run(pass *lint.Pass) (any, error) {
	u := pass.Unit
	if o, ok := lint.ResultAs[*objectsbuild.Result](pass, objectsbuild.Check); ok && o != nil && !u.FeaturesReduced.Load() {
		pass.Replay(o.Outcome)
		return &Result{Objects: o.Objects}, nil
	}
	flags, err := buildutil.InfoCFlags(pass.Ctx, u)
	if err != nil {
		return nil, err
	}
	objs, err := buildutil.BuildObjects(pass, filepath.Join(u.Work, "objs-nofeat"), lint.CompileOpts{
		PreFlags: []string{buildutil.ReducedFlag(u)}, Flags: flags, Kind: "nofeat compile",
	})
	if err != nil || objs == nil {
		return nil, err
	}
	return &Result{Objects: objs}, nil
}
