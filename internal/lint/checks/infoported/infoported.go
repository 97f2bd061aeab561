// Package infoported implements the info_ported check: _info indicates support for this platform.
package infoported

import (
	"github.com/ccan-archive/ccan/internal/lint"
	"github.com/ccan-archive/ccan/internal/lint/checks/infocompiles"
)

// Check is the info_ported check.
var Check = &lint.Check{
	Name:       "info_ported",
	Title:      "_info indicates support for this platform",
	Compulsory: false,
	Requires:   []*lint.Check{infocompiles.Check},
	Run:        run,
}

func run(pass *lint.Pass) (any, error) {
	return nil, lint.ErrNotImplemented
}
