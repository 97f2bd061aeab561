// Package testspasswithoutfeatures implements the
// tests_pass_without_features check: Module's run and api tests pass
// (without features).
//
// It runs the reduced-features build of every run and api test (from
// tests_compile_without_features) natively, never under valgrind, in
// the unit's scratch directory with stdin /dev/null. Score = tests
// exiting 0, total = number of run and api tests; the check passes only
// when all do. Runs go through the build cache like tests_pass's.
package testspasswithoutfeatures

import (
	"github.com/ccan-archive/ccan/internal/lint"
	"github.com/ccan-archive/ccan/internal/lint/checks/testscompilewithoutfeatures"
	"github.com/ccan-archive/ccan/internal/lint/testrunsutil"
)

// Check is the tests_pass_without_features check.
var Check = &lint.Check{
	Name:       "tests_pass_without_features",
	Title:      "Module's run and api tests pass (without features)",
	Compulsory: false,
	Requires:   []*lint.Check{testscompilewithoutfeatures.Check},
	Run:        run,
}

func run(pass *lint.Pass) (any, error) {
	bins, _ := testrunsutil.Binaries(pass, testscompilewithoutfeatures.Check,
		func(r testscompilewithoutfeatures.Result) map[string]string { return r.Binaries })
	tests := testrunsutil.Tests(pass.Unit.Module)
	results, err := testrunsutil.RunAll(pass, tests, bins, func(string) testrunsutil.RunOpts { return testrunsutil.RunOpts{Kind: "nofeat test"} })
	if err != nil {
		if pass.Ctx.Err() != nil {
			return nil, nil // the driver reports the timeout
		}
		return nil, err
	}
	testrunsutil.Tally(pass, tests, results)
	return nil, nil
}
