// Package infodocumentationexists implements the info_documentation_exists check: Module has documentation in _info.
package infodocumentationexists

import (
	"github.com/ccan-archive/ccan/internal/lint"
	"github.com/ccan-archive/ccan/internal/lint/checks/infoexists"
)

// Check is the info_documentation_exists check.
var Check = &lint.Check{
	Name:       "info_documentation_exists",
	Title:      "Module has documentation in _info",
	Compulsory: false,
	Requires:   []*lint.Check{infoexists.Check},
	Run:        run,
}

func run(pass *lint.Pass) (any, error) {
	return nil, lint.ErrNotImplemented
}
