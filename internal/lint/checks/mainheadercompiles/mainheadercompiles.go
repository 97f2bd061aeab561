// Package mainheadercompiles implements the main_header_compiles
// check: Modules main header compiles.
//
// A file holding only `#include <ccan/<module>/<basename>.h>` is
// compiled to an object with the global flags (not the module's _info
// cflags). 1/1, or FAIL 0/1. Not run in safe mode.
package mainheadercompiles

import (
	"github.com/ccan-archive/ccan/internal/lint"
	"github.com/ccan-archive/ccan/internal/lint/buildutil"
	"github.com/ccan-archive/ccan/internal/lint/checks/dependsexist"
	"github.com/ccan-archive/ccan/internal/lint/checks/infoported"
	"github.com/ccan-archive/ccan/internal/lint/checks/mainheaderexists"
)

// Check is the main_header_compiles check.
var Check = &lint.Check{
	Name:       "main_header_compiles",
	Title:      "Modules main header compiles",
	Doc:        "the main header compiles on its own",
	Compulsory: false,
	Requires:   []*lint.Check{dependsexist.Check, mainheaderexists.Check, infoported.Check},
	CanRun:     buildutil.SafeMode,
	Run:        run,
}

func run(pass *lint.Pass) (any, error) {
	r, err := buildutil.CompileHeader(pass, "main-header", "")
	if err != nil {
		return nil, err
	}
	if !r.OK() {
		pass.Report("#include of the main header file:\n" + r.Output)
		return nil, nil
	}
	pass.Pass()
	return nil, nil
}
