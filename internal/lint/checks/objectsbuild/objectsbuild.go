// Package objectsbuild implements the objects_build check: Module object files can be built.
package objectsbuild

import (
	"github.com/ccan-archive/ccan/internal/lint"
	"github.com/ccan-archive/ccan/internal/lint/checks/dependsexist"
	"github.com/ccan-archive/ccan/internal/lint/checks/infoported"
)

// Check is the objects_build check.
var Check = &lint.Check{
	Name:       "objects_build",
	Title:      "Module object files can be built",
	Compulsory: true,
	Requires:   []*lint.Check{dependsexist.Check, infoported.Check},
	Run:        run,
}

// Result is the module's objects, one per top-level .c file, in
// Manifest.CFiles order (nil for a header-only module).
type Result struct {
	Objects []string
}

func run(pass *lint.Pass) (any, error) {
	return nil, lint.ErrNotImplemented
}
