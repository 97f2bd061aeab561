// Package examplesrelevant implements the examples_relevant check: Example: sections demonstrate appropriate function.
package examplesrelevant

import (
	"github.com/ccan-archive/ccan/internal/lint"
	"github.com/ccan-archive/ccan/internal/lint/checks/examplesexist"
)

// Check is the examples_relevant check.
var Check = &lint.Check{
	Name:       "examples_relevant",
	Title:      "Example: sections demonstrate appropriate function",
	Compulsory: false,
	Requires:   []*lint.Check{examplesexist.Check},
	Run:        run,
}

func run(pass *lint.Pass) (any, error) {
	return nil, lint.ErrNotImplemented
}
