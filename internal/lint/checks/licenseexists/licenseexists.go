// Package licenseexists implements the license_exists check: Module has License: entry in _info, and LICENSE symlink/file.
//
// The _info documentation must have a License: section for the module
// (without one the check fails). The string must be one ccanlint knows
// (see package license); an unknown one passes with 0/1 and a warning.
// The module's LICENSE must then be a symlink to the license's file under
// the tree's licenses/ directory ("../../licenses/BSD-MIT", one more
// "../" per level of nesting); a regular file is accepted only when no
// standard file is expected, and public domain code needs no LICENSE at
// all. A wrong or missing LICENSE scores 0/1 but passes.
//
// The license found is this check's result, used by the other license
// checks.
package licenseexists

import (
	"errors"
	"io/fs"
	"os"
	"strings"

	"github.com/ccan-archive/ccan/internal/license"
	"github.com/ccan-archive/ccan/internal/lint"
	"github.com/ccan-archive/ccan/internal/lint/checks/infoexists"
	"github.com/ccan-archive/ccan/internal/lint/srcdocutil"
)

// Check is the license_exists check.
var Check = &lint.Check{
	Name:       "license_exists",
	Title:      "Module has License: entry in _info, and LICENSE symlink/file",
	Compulsory: false,
	Requires:   []*lint.Check{infoexists.Check},
	Run:        run,
}

// Result is the module's license.
type Result struct {
	License license.License
	// Tag is the License: string from _info.
	Tag string
}

func run(pass *lint.Pass) (any, error) {
	m := pass.Unit.Module
	sec := srcdocutil.LicenseTag(m)
	if sec == nil {
		pass.Report("No License: tag in _info")
		pass.Fail()
		return nil, nil
	}
	tag := srcdocutil.FirstLine(sec)
	res := &Result{License: license.FromString(tag), Tag: tag}
	if !res.License.Known() {
		pass.Reportf("_info", sec.Line-1, "WARNING: unknown License: in _info: %s", tag)
		pass.Score(true, 0, 1) // historically not a failure
		return res, nil
	}
	if msg, err := checkLink(m.Path("LICENSE"), m.Name, res); err != nil {
		return nil, err
	} else if msg != "" {
		pass.Report(msg)
		pass.Score(true, 0, 1) // having a tag is enough to pass
		return res, nil
	}
	pass.Pass()
	return res, nil
}

// checkLink checks the LICENSE file at path and returns what is wrong
// with it ("" if nothing).
func checkLink(path, name string, res *Result) (string, error) {
	prefix := license.LinkPrefix(name)
	file := res.License.File()
	expected := ""
	if file != "" {
		expected = prefix + file
	}
	target, err := os.Readlink(path)
	if err != nil {
		return missingLink(path, res, expected, err)
	}
	switch {
	case !strings.HasPrefix(target, prefix):
		return "Expected symlink into " + prefix + " not " + target, nil
	case expected == "":
		return "License in _info is unknown '" + res.Tag + "', but LICENSE symlink is '" + target + "'", nil
	case target != expected:
		return "Expected symlink to " + expected + " not " + target, nil
	}
	return "", nil
}

// missingLink handles a LICENSE that is not a symlink.
func missingLink(path string, res *Result, expected string, err error) (string, error) {
	if _, statErr := os.Lstat(path); statErr == nil {
		// A real file (or directory): fine for a non-standard license.
		if expected == "" {
			return "", nil
		}
		return "License in _info is '" + res.Tag + "', expect LICENSE symlink '" + expected + "'", nil
	}
	if errors.Is(err, fs.ErrNotExist) {
		if res.License == license.PublicDomain {
			return "", nil // public domain needs no file
		}
		return "LICENSE does not exist", nil
	}
	return "", err
}
