// Package licensedependscompat implements the license_depends_compat check: CCAN dependencies don't contain incompatible licenses.
package licensedependscompat

import (
	"github.com/ccan-archive/ccan/internal/lint"
	"github.com/ccan-archive/ccan/internal/lint/checks/dependsexist"
	"github.com/ccan-archive/ccan/internal/lint/checks/licenseexists"
)

// Check is the license_depends_compat check.
var Check = &lint.Check{
	Name:       "license_depends_compat",
	Title:      "CCAN dependencies don't contain incompatible licenses",
	Compulsory: false,
	Requires:   []*lint.Check{licenseexists.Check, dependsexist.Check},
	Run:        run,
}

func run(pass *lint.Pass) (any, error) {
	return nil, lint.ErrNotImplemented
}
