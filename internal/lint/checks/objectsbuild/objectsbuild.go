// Package objectsbuild implements the objects_build check: Module
// object files can be built.
//
// Each top-level .c file is compiled to an object with the global
// compiler flags followed by the module's `_info cflags`. Total 2 (0 for
// a module without .c files); any compiler output costs one point; a
// compile error fails the check, marks the module's build as failed (for
// --deps-fail-ignore) and, the check being compulsory, stops the module.
// Not run in safe mode.
package objectsbuild

import (
	"path/filepath"

	"github.com/ccan-archive/ccan/internal/lint"
	"github.com/ccan-archive/ccan/internal/lint/buildutil"
	"github.com/ccan-archive/ccan/internal/lint/checks/dependsexist"
	"github.com/ccan-archive/ccan/internal/lint/checks/infoported"
)

// Check is the objects_build check.
var Check = &lint.Check{
	Name:       "objects_build",
	Title:      "Module object files can be built",
	Doc:        "the module's .c files compile to objects",
	Compulsory: true,
	Requires:   []*lint.Check{dependsexist.Check, infoported.Check},
	CanRun:     buildutil.SafeMode,
	Run:        run,
}

// Result is the module's objects, one per top-level .c file, in
// Manifest.CFiles order (nil for a header-only module).
type Result struct {
	Objects []string
	// Outcome is this check's score and messages, which
	// objects_build_without_features replays when no feature was
	// turned off (its compiles are then these very compiles).
	Outcome lint.Outcome
}

func run(pass *lint.Pass) (any, error) {
	u := pass.Unit
	flags, err := buildutil.InfoCFlags(pass.Ctx, u)
	if err != nil {
		return nil, err
	}
	objs, err := buildutil.BuildObjects(pass, filepath.Join(u.Work, "objs"), lint.CompileOpts{Flags: flags})
	if err != nil || objs == nil {
		return nil, err
	}
	return &Result{Objects: objs, Outcome: pass.Snapshot()}, nil
}
