// Package modulebuilds implements the module_builds check: Module can
// be built from object files.
//
// The objects of objects_build are merged into one relocatable object,
// <basename>.o, with `ld -r`. A module without .c files passes with
// 0/0; a link error fails (the check is compulsory). Not run in safe
// mode.
package modulebuilds

import (
	"path/filepath"

	"github.com/ccan-archive/ccan/internal/lint"
	"github.com/ccan-archive/ccan/internal/lint/buildutil"
	"github.com/ccan-archive/ccan/internal/lint/checks/objectsbuild"
)

// Check is the module_builds check.
var Check = &lint.Check{
	Name:       "module_builds",
	Title:      "Module can be built from object files",
	Doc:        "the module's objects link into one relocatable object",
	Compulsory: true,
	Requires:   []*lint.Check{objectsbuild.Check},
	CanRun:     buildutil.SafeMode,
	Run:        run,
}

// Result is the module merged into one relocatable object ("" when the
// module has no .c files).
type Result struct {
	Object string
}

func run(pass *lint.Pass) (any, error) {
	u := pass.Unit
	if len(u.Module.Manifest.CFiles) == 0 {
		pass.Score(true, 0, 0)
		return &Result{}, nil
	}
	var objs []string
	if r, ok := lint.ResultAs[*objectsbuild.Result](pass, objectsbuild.Check); ok && r != nil {
		objs = r.Objects
	}
	out := filepath.Join(u.Work, u.Module.Basename()+".o")
	r, err := u.LinkObjects(pass.Ctx, out, objs)
	if err != nil {
		return nil, err
	}
	if !r.OK() {
		pass.Report(r.Output)
		return nil, nil
	}
	pass.Pass()
	return &Result{Object: out}, nil
}
