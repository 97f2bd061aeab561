// Package modulebuilds implements the module_builds check: Module can be built from object files.
package modulebuilds

import (
	"github.com/ccan-archive/ccan/internal/lint"
	"github.com/ccan-archive/ccan/internal/lint/checks/objectsbuild"
)

// Check is the module_builds check.
var Check = &lint.Check{
	Name:       "module_builds",
	Title:      "Module can be built from object files",
	Compulsory: true,
	Requires:   []*lint.Check{objectsbuild.Check},
	Run:        run,
}

// Result is the module merged into one relocatable object ("" when the
// module has no .c files).
type Result struct {
	Object string
}

func run(pass *lint.Pass) (any, error) {
	return nil, lint.ErrNotImplemented
}
