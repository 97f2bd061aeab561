// Package mainheadercompiles implements the main_header_compiles check: Modules main header compiles.
package mainheadercompiles

import (
	"github.com/ccan-archive/ccan/internal/lint"
	"github.com/ccan-archive/ccan/internal/lint/checks/dependsexist"
	"github.com/ccan-archive/ccan/internal/lint/checks/infoported"
	"github.com/ccan-archive/ccan/internal/lint/checks/mainheaderexists"
)

// Check is the main_header_compiles check.
var Check = &lint.Check{
	Name:       "main_header_compiles",
	Title:      "Modules main header compiles",
	Compulsory: false,
	Requires:   []*lint.Check{dependsexist.Check, mainheaderexists.Check, infoported.Check},
	Run:        run,
}

func run(pass *lint.Pass) (any, error) {
	return nil, lint.ErrNotImplemented
}
