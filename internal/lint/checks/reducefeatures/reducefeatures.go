// Package reducefeatures implements the reduce_features check: Produce config.h with reduced features.
package reducefeatures

import (
	"github.com/ccan-archive/ccan/internal/lint"
	"github.com/ccan-archive/ccan/internal/lint/checks/testscompile"
)

// Check is the reduce_features check.
var Check = &lint.Check{
	Name:       "reduce_features",
	Title:      "Produce config.h with reduced features",
	Compulsory: false,
	Requires:   []*lint.Check{testscompile.Check},
	Run:        run,
}

// Result describes the reduced-features config.h.
type Result struct {
	// Dir holds the reduced config.h; compiles put -I<Dir> first.
	Dir string
	// Reduced lists the HAVE_ symbols turned off.
	Reduced []string
}

func run(pass *lint.Pass) (any, error) {
	return nil, lint.ErrNotImplemented
}
