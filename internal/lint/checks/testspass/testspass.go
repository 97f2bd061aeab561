// Package testspass implements the tests_pass check: Module's run and
// api tests pass.
//
// Every run and api test built by tests_compile is run, in parallel,
// with the unit's scratch directory (which holds a "test" symlink to the
// module's test directory) as current directory and stdin /dev/null. A
// test passes when it exits 0; TAP output is not read. Score = tests
// passing, total = number of run and api tests (0/0 when there are none);
// the check passes only when all do.
//
// As in ccanlint, the tests run under valgrind here ("valgrind -q
// --leak-check=full --log-fd=3", here with --read-inline-info=no (see
// testrunsutil.ValgrindCommand), plus the tree's .valgrind_suppressions
// if it exists and the file's tests_pass_valgrind options, with the log
// in <binary>.valgrind-log), unless valgrind is unusable or
// tests_pass_valgrind is excluded (with -x, or with FAIL in _info); a
// file whose tests_pass_valgrind option is FAIL runs natively.
// tests_pass_valgrind then only reads the logs. So valgrind can change
// this check's outcome.
//
// Runs go through the build cache (inputs: the program and the files of
// the test directory), so an unchanged module replays its results.
package testspass

import (
	"os"
	"path/filepath"

	"github.com/ccan-archive/ccan/internal/lint"
	"github.com/ccan-archive/ccan/internal/lint/checks/testscompile"
	"github.com/ccan-archive/ccan/internal/lint/testrunsutil"
)

// Check is the tests_pass check.
var Check = &lint.Check{
	Name:       "tests_pass",
	Title:      "Module's run and api tests pass",
	Compulsory: false,
	Requires:   []*lint.Check{testscompile.Check},
	CanRun:     canRun,
	Run:        run,
}

// Result records each run/api test's outcome.
type Result struct {
	// Valgrind reports whether tests ran under valgrind.
	Valgrind bool
	// Logs maps a test (module-relative) to its valgrind log ("" natively).
	Logs map[string]string
	// Passed maps a test to whether it exited 0.
	Passed map[string]bool
}

// ValgrindKey is the check whose options tests_pass forwards to valgrind.
const ValgrindKey = "tests_pass_valgrind"

func canRun(pass *lint.Pass) string {
	if pass.Unit.Cfg.Safe {
		return "Safe mode enabled"
	}
	return ""
}

func run(pass *lint.Pass) (any, error) {
	u := pass.Unit
	bins, _ := testrunsutil.Binaries(pass, testscompile.Check, func(r testscompile.Result) map[string]string { return r.Binaries })
	opts, excluded := testrunsutil.InfoOptions(pass, ValgrindKey)
	res := &Result{Valgrind: u.Cfg.Valgrind && !excluded, Logs: map[string]string{}}
	var supp []string
	if sfile := filepath.Join(u.Module.Tree.Dir, ".valgrind_suppressions"); isFile(sfile) {
		supp = []string{sfile}
	}
	runOpts := func(t string) testrunsutil.RunOpts {
		fo := testrunsutil.FileOptions(opts, t)
		if !res.Valgrind || testrunsutil.IsFail(fo) || bins[t] == "" {
			return testrunsutil.RunOpts{}
		}
		prefix := append(append([]string(nil), testrunsutil.ValgrindCommand...), supFlags(supp)...)
		return testrunsutil.RunOpts{Prefix: append(prefix, fo...), Extra: supp, LogFD3: bins[t] + ".valgrind-log"}
	}
	tests := testrunsutil.Tests(u.Module)
	for _, t := range tests {
		res.Logs[t] = runOpts(t).LogFD3
	}
	results, err := testrunsutil.RunAll(pass, tests, bins, runOpts)
	if err != nil {
		if pass.Ctx.Err() != nil {
			return nil, nil // the driver reports the timeout
		}
		return nil, err
	}
	res.Passed = testrunsutil.Tally(pass, tests, results)
	return res, nil
}

func supFlags(supp []string) []string {
	if len(supp) == 0 {
		return nil
	}
	return []string{"--suppressions=" + supp[0]}
}

func isFile(path string) bool {
	fi, err := os.Stat(path)
	return err == nil && fi.Mode().IsRegular()
}
