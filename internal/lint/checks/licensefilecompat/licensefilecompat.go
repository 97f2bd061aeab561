// Package licensefilecompat implements the license_file_compat check: Source files don't contain incompatible licenses.
package licensefilecompat

import (
	"github.com/ccan-archive/ccan/internal/lint"
	"github.com/ccan-archive/ccan/internal/lint/checks/licenseexists"
)

// Check is the license_file_compat check.
var Check = &lint.Check{
	Name:       "license_file_compat",
	Title:      "Source files don't contain incompatible licenses",
	Compulsory: false,
	Requires:   []*lint.Check{licenseexists.Check},
	Run:        run,
}

func run(pass *lint.Pass) (any, error) {
	return nil, lint.ErrNotImplemented
}
