// Package licensefilecompat implements the license_file_compat check: Source files don't contain incompatible licenses.
//
// Each top-level .c and .h file is searched for license boilerplate
// (see license.DetectBoilerplate); the first license found must be
// compatible with the module's own. A module whose license is unknown
// is not checked (0/0).
package licensefilecompat

import (
	"github.com/ccan-archive/ccan/internal/license"
	"github.com/ccan-archive/ccan/internal/lint"
	"github.com/ccan-archive/ccan/internal/lint/checks/licenseexists"
	"github.com/ccan-archive/ccan/internal/lint/srcdocutil"
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
	lic, ok := lint.ResultAs[*licenseexists.Result](pass, licenseexists.Check)
	if !ok || !lic.License.Known() {
		pass.Score(true, 0, 0) // unknown license: nothing to compare
		return nil, nil
	}
	man := pass.Unit.Module.Manifest
	files, err := srcdocutil.ReadAll(pass.Unit, man.CFiles, man.HFiles)
	if err != nil {
		return nil, err
	}
	bad := false
	for _, f := range files {
		found, ok := license.DetectBoilerplate(f.Text)
		if ok && !lic.License.Compatible(found) {
			pass.Reportf(f.Name, 0, "Found boilerplate for license '%s' which is incompatible with '%s'", found, lic.License)
			bad = true
		}
	}
	if bad {
		pass.Fail()
	} else {
		pass.Pass()
	}
	return nil, nil
}
