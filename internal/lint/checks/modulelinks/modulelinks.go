// Package modulelinks implements the module_links check: Module can be linked against trivial program.
package modulelinks

import (
	"github.com/ccan-archive/ccan/internal/lint"
	"github.com/ccan-archive/ccan/internal/lint/checks/dependsbuild"
	"github.com/ccan-archive/ccan/internal/lint/checks/modulebuilds"
)

// Check is the module_links check.
var Check = &lint.Check{
	Name:       "module_links",
	Title:      "Module can be linked against trivial program",
	Compulsory: false,
	Requires:   []*lint.Check{modulebuilds.Check, dependsbuild.Check},
	Run:        run,
}

func run(pass *lint.Pass) (any, error) {
	return nil, lint.ErrNotImplemented
}
