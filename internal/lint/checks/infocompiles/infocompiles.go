// Package infocompiles implements the info_compiles check: _info compiles.
package infocompiles

import (
	"github.com/ccan-archive/ccan/internal/lint"
	"github.com/ccan-archive/ccan/internal/lint/checks/infoexists"
)

// Check is the info_compiles check.
var Check = &lint.Check{
	Name:       "info_compiles",
	Title:      "_info compiles",
	Compulsory: true,
	Requires:   []*lint.Check{infoexists.Check},
	Run:        run,
}

func run(pass *lint.Pass) (any, error) {
	return nil, lint.ErrNotImplemented
}
