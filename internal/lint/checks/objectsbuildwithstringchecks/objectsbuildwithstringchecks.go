// Package objectsbuildwithstringchecks implements the objects_build_with_stringchecks check: Module compiles with extra ctype.h and str function checks.
package objectsbuildwithstringchecks

import (
	"github.com/ccan-archive/ccan/internal/lint"
	"github.com/ccan-archive/ccan/internal/lint/checks/mainheaderexists"
	"github.com/ccan-archive/ccan/internal/lint/checks/objectsbuild"
)

// Check is the objects_build_with_stringchecks check.
var Check = &lint.Check{
	Name:       "objects_build_with_stringchecks",
	Title:      "Module compiles with extra ctype.h and str function checks",
	Compulsory: false,
	Requires:   []*lint.Check{objectsbuild.Check, mainheaderexists.Check},
	Run:        run,
}

func run(pass *lint.Pass) (any, error) {
	return nil, lint.ErrNotImplemented
}
