// Package dependsaccurate implements the depends_accurate check: Module's CCAN dependencies are the only CCAN files #included.
package dependsaccurate

import (
	"github.com/ccan-archive/ccan/internal/lint"
	"github.com/ccan-archive/ccan/internal/lint/checks/dependsexist"
	"github.com/ccan-archive/ccan/internal/lint/checks/headersidempotent"
	"github.com/ccan-archive/ccan/internal/lint/checks/infocompiles"
	"github.com/ccan-archive/ccan/internal/lint/checks/testdependsexist"
)

// Check is the depends_accurate check.
var Check = &lint.Check{
	Name:       "depends_accurate",
	Title:      "Module's CCAN dependencies are the only CCAN files #included",
	Compulsory: false,
	Requires:   []*lint.Check{dependsexist.Check, infocompiles.Check, testdependsexist.Check, headersidempotent.Check},
	Run:        run,
}

func run(pass *lint.Pass) (any, error) {
	return nil, lint.ErrNotImplemented
}
