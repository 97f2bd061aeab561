// Package mainheaderexists implements the main_header_exists check: Module has main header file.
package mainheaderexists

import (
	"github.com/ccan-archive/ccan/internal/lint"
)

// Check is the main_header_exists check.
var Check = &lint.Check{
	Name:       "main_header_exists",
	Title:      "Module has main header file",
	Compulsory: false,
	Requires:   []*lint.Check{},
	Run:        run,
}

func run(pass *lint.Pass) (any, error) {
	return nil, lint.ErrNotImplemented
}
