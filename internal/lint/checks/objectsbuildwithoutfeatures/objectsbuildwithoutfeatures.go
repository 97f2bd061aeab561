// Package objectsbuildwithoutfeatures implements the objects_build_without_features check: Module object files can be built (without features).
package objectsbuildwithoutfeatures

import (
	"github.com/ccan-archive/ccan/internal/lint"
	"github.com/ccan-archive/ccan/internal/lint/checks/objectsbuild"
	"github.com/ccan-archive/ccan/internal/lint/checks/reducefeatures"
)

// Check is the objects_build_without_features check.
var Check = &lint.Check{
	Name:       "objects_build_without_features",
	Title:      "Module object files can be built (without features)",
	Compulsory: false,
	Requires:   []*lint.Check{reducefeatures.Check, objectsbuild.Check},
	Run:        run,
}

// Result is the module's objects built against the reduced config.h.
type Result struct {
	Objects []string
}

func run(pass *lint.Pass) (any, error) {
	return nil, lint.ErrNotImplemented
}
