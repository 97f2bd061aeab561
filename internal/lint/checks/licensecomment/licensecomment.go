// Package licensecomment implements the license_comment check: Source and header files refer to LICENSE.
//
// Each top-level .c and .h file must point readers at the license: in
// the lines before its first line of code there must be the word
// "LICENSE" and a word (split at blanks, '-' and ':') starting with the
// license's short name (LGPL, GPL, BSD, MIT or CC0), or else the file
// must hold the license's full boilerplate. Public domain and unknown
// licenses need nothing. A file without a reference is reported at its
// first code line and fails the check.
package licensecomment

import (
	"strings"

	"github.com/ccan-archive/ccan/internal/csource"
	"github.com/ccan-archive/ccan/internal/license"
	"github.com/ccan-archive/ccan/internal/lint"
	"github.com/ccan-archive/ccan/internal/lint/checks/licenseexists"
	"github.com/ccan-archive/ccan/internal/lint/srcdocutil"
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
	lic, ok := lint.ResultAs[*licenseexists.Result](pass, licenseexists.Check)
	if !ok || lic.License == license.PublicDomain || !lic.License.Known() {
		pass.Pass()
		return nil, nil
	}
	man := pass.Unit.Module.Manifest
	files, err := srcdocutil.ReadAll(pass.Unit, man.CFiles, man.HFiles)
	if err != nil {
		return nil, err
	}
	bad := false
	for _, f := range files {
		if line, ok := refersToLicense(f, lic.License); !ok {
			pass.Reportf(f.Name, line, "No reference to license found")
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

// refersToLicense reports whether f refers to l; if not, it also returns
// the line number to report.
func refersToLicense(f *srcdocutil.File, l license.License) (int, bool) {
	info := f.Info()
	foundLicense, foundFlavour := false, false
	i := 0
	for ; i < len(f.Lines); i++ {
		if info[i].Type == csource.Code {
			break
		}
		line := f.Lines[i]
		foundLicense = foundLicense || strings.Contains(line, "LICENSE")
		foundFlavour = foundFlavour || hasFlavour(line, l.ShortName())
	}
	if foundLicense && foundFlavour || l.HasBoilerplate(license.Simplify(f.Text)) {
		return 0, true
	}
	if i == len(f.Lines) {
		i = 0 // no code line: report the file
	}
	// ccanlint reports the 0-based index of the first code line, i.e.
	// the line before it.
	return i, false
}

// hasFlavour reports whether a word of line starts with short.
func hasFlavour(line, short string) bool {
	words := strings.FieldsFunc(line, func(r rune) bool {
		return r == ' ' || r == '\t' || r == '-' || r == ':'
	})
	for _, w := range words {
		if strings.HasPrefix(w, short) {
			return true
		}
	}
	return false
}
