// Package examplesrun implements the examples_run check: Module examples with expected output give that output.
package examplesrun

import (
	"github.com/ccan-archive/ccan/internal/lint"
	"github.com/ccan-archive/ccan/internal/lint/checks/examplescompile"
)

// Check is the examples_run check.
var Check = &lint.Check{
	Name:       "examples_run",
	Title:      "Module examples with expected output give that output",
	Compulsory: false,
	Requires:   []*lint.Check{examplescompile.Check},
	Run:        run,
}

func run(pass *lint.Pass) (any, error) {
	return nil, lint.ErrNotImplemented
}
