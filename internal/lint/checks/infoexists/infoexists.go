// Package infoexists implements the info_exists check: Module has _info file.
//
// The module directory must hold a regular file named _info: the module's
// metadata program (dependencies, documentation, license). This check is
// compulsory; once it passes, the driver reads the module's `_info
// ccanlint` answers (exclusions and options for other checks).
package infoexists

import (
	"github.com/ccan-archive/ccan/internal/lint"
)

// Check is the info_exists check.
var Check = &lint.Check{
	Name:       "info_exists",
	Title:      "Module has _info file",
	Compulsory: true,
	Requires:   []*lint.Check{},
	Run:        run,
}

const noInfo = `You have no _info file.

The file _info contains the metadata for a ccan package: things
like the dependencies, the documentation for the package as a whole
and license information.
`

func run(pass *lint.Pass) (any, error) {
	if pass.Unit.Module.Manifest.Info == "" {
		pass.Report(noInfo)
		pass.Fail()
		return nil, nil
	}
	pass.Pass()
	return nil, nil
}
