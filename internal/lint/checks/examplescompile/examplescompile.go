// Package examplescompile implements the examples_compile check: Module examples compile.
package examplescompile

import (
	"github.com/ccan-archive/ccan/internal/lint"
	"github.com/ccan-archive/ccan/internal/lint/checks/examplesexist"
	"github.com/ccan-archive/ccan/internal/lint/checks/modulebuilds"
)

// Check is the examples_compile check.
var Check = &lint.Check{
	Name:       "examples_compile",
	Title:      "Module examples compile",
	Compulsory: false,
	Requires:   []*lint.Check{examplesexist.Check, modulebuilds.Check},
	Run:        run,
}

func run(pass *lint.Pass) (any, error) {
	return nil, lint.ErrNotImplemented
}
