// Package headersidempotent implements the headers_idempotent check: Module headers are #ifndef/#define wrapped.
package headersidempotent

import (
	"github.com/ccan-archive/ccan/internal/lint"
	"github.com/ccan-archive/ccan/internal/lint/checks/infoexists"
	"github.com/ccan-archive/ccan/internal/lint/checks/mainheaderexists"
)

// Check is the headers_idempotent check.
var Check = &lint.Check{
	Name:       "headers_idempotent",
	Title:      "Module headers are #ifndef/#define wrapped",
	Compulsory: false,
	Requires:   []*lint.Check{infoexists.Check, mainheaderexists.Check},
	Run:        run,
}

func run(pass *lint.Pass) (any, error) {
	return nil, lint.ErrNotImplemented
}
