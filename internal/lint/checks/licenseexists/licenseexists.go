// Package licenseexists implements the license_exists check: Module has License: entry in _info, and LICENSE symlink/file.
package licenseexists

import (
	"github.com/ccan-archive/ccan/internal/lint"
	"github.com/ccan-archive/ccan/internal/lint/checks/infoexists"
)

// Check is the license_exists check.
var Check = &lint.Check{
	Name:       "license_exists",
	Title:      "Module has License: entry in _info, and LICENSE symlink/file",
	Compulsory: false,
	Requires:   []*lint.Check{infoexists.Check},
	Run:        run,
}

func run(pass *lint.Pass) (any, error) {
	return nil, lint.ErrNotImplemented
}
