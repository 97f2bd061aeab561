// Package infoexists implements the info_exists check: Module has _info file.
package infoexists

import (
	"github.com/ccan-archive/ccan/internal/lint"
)

// Check is the info_exists check.
var Check = &lint.Check{
	Name:       "info_exists",
	Title:      "Module has _info file",
	Compulsory: true,
	Requires:   []*lint.Check{},
	Run:        run,
}

func run(pass *lint.Pass) (any, error) {
	return nil, lint.ErrNotImplemented
}
