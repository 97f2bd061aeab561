// Package hashif implements the hash_if check: Features are checked with #if not #ifdef.
package hashif

import (
	"github.com/ccan-archive/ccan/internal/lint"
	"github.com/ccan-archive/ccan/internal/lint/checks/infoexists"
)

// Check is the hash_if check.
var Check = &lint.Check{
	Name:       "hash_if",
	Title:      "Features are checked with #if not #ifdef",
	Compulsory: false,
	Requires:   []*lint.Check{infoexists.Check},
	Run:        run,
}

func run(pass *lint.Pass) (any, error) {
	return nil, lint.ErrNotImplemented
}
