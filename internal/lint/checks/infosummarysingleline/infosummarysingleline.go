// Package infosummarysingleline implements the info_summary_single_line check: Module has a single line summary in _info.
package infosummarysingleline

import (
	"github.com/ccan-archive/ccan/internal/lint"
	"github.com/ccan-archive/ccan/internal/lint/checks/infoexists"
)

// Check is the info_summary_single_line check.
var Check = &lint.Check{
	Name:       "info_summary_single_line",
	Title:      "Module has a single line summary in _info",
	Compulsory: false,
	Requires:   []*lint.Check{infoexists.Check},
	Run:        run,
}

func run(pass *lint.Pass) (any, error) {
	return nil, lint.ErrNotImplemented
}
