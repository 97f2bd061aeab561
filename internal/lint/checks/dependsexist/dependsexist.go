// Package dependsexist implements the depends_exist check: Module's CCAN dependencies can be found.
package dependsexist

import (
	"github.com/ccan-archive/ccan/internal/lint"
	"github.com/ccan-archive/ccan/internal/lint/checks/infocompiles"
)

// Check is the depends_exist check.
var Check = &lint.Check{
	Name:       "depends_exist",
	Title:      "Module's CCAN dependencies can be found",
	Compulsory: true,
	Requires:   []*lint.Check{infocompiles.Check},
	Run:        run,
}

// Result lists the module's CCAN dependencies.
type Result struct {
	// Deps is the recursive closure of ccan/ dependencies, in
	// ccan_depends order (breadth first), without the module itself.
	Deps []string
	// NonCCAN are the module's own non-ccan depends lines (e.g. "Judy").
	NonCCAN []string
}

func run(pass *lint.Pass) (any, error) {
	return nil, lint.ErrNotImplemented
}
