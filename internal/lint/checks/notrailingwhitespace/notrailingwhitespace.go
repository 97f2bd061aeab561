// Package notrailingwhitespace implements the no_trailing_whitespace check: Module's source code has no trailing whitespace.
package notrailingwhitespace

import (
	"github.com/ccan-archive/ccan/internal/lint"
	"github.com/ccan-archive/ccan/internal/lint/checks/infoexists"
)

// Check is the no_trailing_whitespace check.
var Check = &lint.Check{
	Name:       "no_trailing_whitespace",
	Title:      "Module's source code has no trailing whitespace",
	Compulsory: false,
	Requires:   []*lint.Check{infoexists.Check},
	Run:        run,
}

func run(pass *lint.Pass) (any, error) {
	return nil, lint.ErrNotImplemented
}
