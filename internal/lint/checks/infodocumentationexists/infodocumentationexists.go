// Package infodocumentationexists implements the info_documentation_exists check: Module has documentation in _info.
//
// The _info doc comment must document the module itself: a summary line
// naming the module ("str/hex - ...") followed by a description. A
// missing summary or description scores 0/1 but does not fail.
package infodocumentationexists

import (
	"github.com/ccan-archive/ccan/internal/lint"
	"github.com/ccan-archive/ccan/internal/lint/checks/infoexists"
	"github.com/ccan-archive/ccan/internal/lint/srcdocutil"
)

// Check is the info_documentation_exists check.
var Check = &lint.Check{
	Name:       "info_documentation_exists",
	Title:      "Module has documentation in _info",
	Compulsory: false,
	Requires:   []*lint.Check{infoexists.Check},
	Run:        run,
}

const (
	noDocs = `_info file has no module documentation.

CCAN modules use /**-style comments for documentation: the
overall documentation belongs in the _info metafile.
`
	noDescription = `_info file has no module description.

The lines after the first summary line in the _info file
documentation should describe the purpose and use of the
overall package
`
)

func run(pass *lint.Pass) (any, error) {
	m := pass.Unit.Module
	summary := srcdocutil.FindSection(m.Docs, m.Name, "summary") != nil
	description := srcdocutil.FindSection(m.Docs, m.Name, "description") != nil
	switch {
	case summary && description:
		pass.Pass()
		return nil, nil
	case !summary:
		pass.Report(noDocs)
	default:
		pass.Report(noDescription)
	}
	pass.Score(true, 0, 1) // not a failure
	return nil, nil
}
