// Package mainheaderexists implements the main_header_exists check: Module has main header file.
//
// A module's interface is the header named after it: ccan/str/hex must
// have hex.h among its top-level headers.
package mainheaderexists

import (
	"fmt"
	"slices"

	"github.com/ccan-archive/ccan/internal/lint"
)

// Check is the main_header_exists check.
var Check = &lint.Check{
	Name:       "main_header_exists",
	Title:      "Module has main header file",
	Compulsory: false,
	Requires:   []*lint.Check{},
	Run:        run,
}

func run(pass *lint.Pass) (any, error) {
	m := pass.Unit.Module
	if slices.Contains(m.Manifest.HFiles, m.MainHeader()) {
		pass.Pass()
		return nil, nil
	}
	pass.Report(fmt.Sprintf(`You have no %s/%s header file.

CCAN modules have a name, the same as the directory name.  They're
expected to have an interface in the header of the same name.
`, m.Name, m.MainHeader()))
	pass.Fail()
	return nil, nil
}
