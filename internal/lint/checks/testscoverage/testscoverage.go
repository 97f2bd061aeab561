// Package testscoverage implements the tests_coverage check: Module's
// tests cover all the code.
//
// It runs the coverage build of every run and api test (from
// tests_compile_coverage) in the unit's scratch directory, then
// "gcov -n -o <notes dir> <test sources>", and adds up gcov's "Lines
// executed:P% of N" for the files that are the module's own top-level
// .c and .h files. All lines covered scores 6/6; otherwise one point for
// each threshold met among 50%, 75%, 87.5%, 93.75% and 96.875% (at most
// 5/6). No tests, or no executable lines, scores 0/0. A test that fails
// under coverage, or gcov failing, fails the check.
//
// Known, deliberate disagreement with ccanlint: with gcc 11 and later
// ccanlint fails this check for every module with tests, because gcov
// cannot find the notes files its one-step compile and link produced
// (they are named "<output>-<source>.gcno"). tests_compile_coverage here
// compiles each test to "<test>.o" before linking, so gcov finds
// "<test>.gcno" and the real coverage is measured and scored.
//
// Also unlike ccanlint, source paths gcov prints are cleaned before they
// are compared with the module's files (so "test/../foo.c" counts), and
// gcov's final all-files "Lines executed" line is not mistaken for the
// last file's. The annotated sources ccanlint prints at -vv are not
// shown; the covered line count is reported instead.
package testscoverage

import (
	"fmt"
	"path/filepath"
	"strings"

	"github.com/ccan-archive/ccan/internal/build"
	"github.com/ccan-archive/ccan/internal/lint"
	"github.com/ccan-archive/ccan/internal/lint/checks/testscompilecoverage"
	"github.com/ccan-archive/ccan/internal/lint/checks/testspass"
	"github.com/ccan-archive/ccan/internal/lint/testrunsutil"
)

// Check is the tests_coverage check.
var Check = &lint.Check{
	Name:       "tests_coverage",
	Title:      "Module's tests cover all the code",
	Compulsory: false,
	Requires:   []*lint.Check{testscompilecoverage.Check, testspass.Check},
	Run:        run,
}

// Result is the measured coverage (Lines == 0 when nothing was measured).
type Result = testrunsutil.Coverage

func run(pass *lint.Pass) (any, error) {
	cov, _ := lint.ResultValue[testscompilecoverage.Result](pass, testscompilecoverage.Check)
	if cov.Replay != nil && cov.Replay.Coverage != nil {
		pass.Replay(*cov.Replay.Coverage)
		return Result{}, nil
	}
	if cov.Build != nil {
		built, err := cov.Build(pass.Ctx)
		if err != nil {
			return nil, err
		}
		cov = *built
	}
	res, err := measure(pass, cov)
	if err == nil {
		testscompilecoverage.Remember(pass, cov, pass.Snapshot())
	}
	return res, err
}

// measure runs the coverage binaries and gcov, and scores the result.
func measure(pass *lint.Pass, cov testscompilecoverage.Result) (any, error) {
	u := pass.Unit
	tests := testrunsutil.Tests(u.Module)
	if len(tests) == 0 {
		pass.Score(true, 0, 0)
		return Result{}, nil
	}
	if ok, err := runTests(pass, cov, tests); !ok || err != nil {
		return nil, err
	}
	args := append(strings.Fields(u.Cfg.Gcov), "-n", "-o", cov.Dir)
	for _, t := range tests {
		args = append(args, u.Module.Path(t))
	}
	r, err := u.Cfg.Builder.Do(pass.Ctx, &build.Action{Args: args, Dir: cov.Dir, Work: u.Cfg.Work, NoCache: true, Kind: "gcov"})
	if err != nil {
		return nil, err
	}
	if !r.OK() {
		pass.Report("Running gcov: " + testrunsutil.Describe(r))
		return nil, nil
	}
	c, err := testrunsutil.ParseGcov(r.Output, ownFile(pass))
	if err != nil {
		return nil, err
	}
	score(pass, c)
	return c, nil
}

// runTests runs every coverage binary; the first failure fails the check.
func runTests(pass *lint.Pass, cov testscompilecoverage.Result, tests []string) (bool, error) {
	u := pass.Unit
	lock := testrunsutil.Lock(u)
	lock.Lock()
	defer lock.Unlock()
	for _, t := range tests {
		if cov.Binaries[t] == "" {
			// It did not compile with coverage (tests_compile_coverage
			// reported why and, as ccanlint, may still have passed).
			pass.Reportf(t, 0, "Running test with coverage failed: not compiled with coverage")
			return false, nil
		}
		r, err := testrunsutil.Run(pass.Ctx, u, cov.Binaries[t], testrunsutil.RunOpts{NoCache: true, Kind: "coverage test"})
		if err != nil {
			return false, err
		}
		if !r.OK() {
			pass.Reportf(t, 0, "Running test with coverage failed: %s", testrunsutil.Describe(r))
			return false, nil
		}
	}
	return true, nil
}

// ownFile reports whether a path gcov printed (relative ones are
// relative to where the tests were compiled) is one of the module's
// top-level .c or .h files.
func ownFile(pass *lint.Pass) func(string) bool {
	m := pass.Unit.Module
	own := map[string]bool{}
	for _, f := range append(append([]string(nil), m.Manifest.CFiles...), m.Manifest.HFiles...) {
		own[filepath.Clean(m.Path(f))] = true
	}
	return func(name string) bool {
		if !filepath.IsAbs(name) {
			name = filepath.Join(pass.Unit.Work, name)
		}
		return own[filepath.Clean(name)]
	}
}

func score(pass *lint.Pass, c testrunsutil.Coverage) {
	if c.Lines == 0 {
		pass.Score(true, 0, 0)
		return
	}
	pass.Report(fmtCovered(c))
	total := testrunsutil.CoverageTotal
	pass.Score(true, testrunsutil.ScoreCoverage(c.Fraction(), total), total)
}

func fmtCovered(c testrunsutil.Coverage) string {
	return fmt.Sprintf("%d of %d lines covered", int(c.Covered), c.Lines)
}
