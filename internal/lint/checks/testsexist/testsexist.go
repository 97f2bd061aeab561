// Package testsexist implements the tests_exist check: Module has test directory with tests in it.
//
// The module should have a test/ directory (a real directory, not a
// symlink) holding at least one api, run, compile_ok or compile_fail
// test. A module with no test directory at all still passes, scoring 0/1
// ("No test directory"); a test that is not a directory, or a directory
// without tests, fails.
package testsexist

import (
	"errors"
	"io/fs"
	"os"

	"github.com/ccan-archive/ccan/internal/lint"
	"github.com/ccan-archive/ccan/internal/lint/checks/infoexists"
)

// Check is the tests_exist check.
var Check = &lint.Check{
	Name:       "tests_exist",
	Title:      "Module has test directory with tests in it",
	Compulsory: false,
	Requires:   []*lint.Check{infoexists.Check},
	Run:        run,
}

func run(pass *lint.Pass) (any, error) {
	m := pass.Unit.Module
	fi, err := os.Lstat(m.Path("test"))
	switch {
	case errors.Is(err, fs.ErrNotExist):
		pass.Report("No test directory")
		pass.Score(true, 0, 1) // ccanlint "passes" this
		return nil, nil
	case err != nil:
		return nil, err
	case !fi.IsDir():
		pass.Report("test is not a directory")
		pass.Fail()
		return nil, nil
	}
	man := m.Manifest
	if len(man.APITests)+len(man.RunTests)+len(man.CompileOK)+len(man.CompileFail) == 0 {
		pass.Report("No tests in test directory")
		pass.Fail()
		return nil, nil
	}
	pass.Pass()
	return nil, nil
}
