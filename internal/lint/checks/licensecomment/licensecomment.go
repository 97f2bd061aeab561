// Package licensecomment implements the license_comment check: Source and header files refer to LICENSE.
package licensecomment

import (
	"github.com/ccan-archive/ccan/internal/lint"
	"github.com/ccan-archive/ccan/internal/lint/checks/licenseexists"
)

// Check is the license_comment check.
var Check = &lint.Check{
	Name:       "license_comment",
	Title:      "Source and header files refer to LICENSE",
	Compulsory: false,
	Requires:   []*lint.Check{licenseexists.Check},
	Run:        run,
}

func run(pass *lint.Pass) (any, error) {
	return nil, lint.ErrNotImplemented
}
