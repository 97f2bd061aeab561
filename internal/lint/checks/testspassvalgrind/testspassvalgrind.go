// Package testspassvalgrind implements the tests_pass_valgrind check:
// Module's run and api tests succeed under valgrind.
//
// The tests already ran under valgrind in tests_pass; this check reads
// each log (see testrunsutil.AnalyzeValgrind). Score: one point per run
// or api test whose log shows no error; total: number of run and api
// tests. A file given the option FAIL ("test/run.c:FAIL") ran natively
// and scores 0 without failing the check; any valgrind error fails it.
// Leak reports ("definitely lost") are kept for
// tests_pass_valgrind_noleaks.
//
// Options (from "_info ccanlint"): "<file>:FAIL", "<file>:<valgrind
// option>", or a valgrind option for every file; tests_pass passes them
// to valgrind.
package testspassvalgrind

import (
	"os"
	"strings"

	"github.com/ccan-archive/ccan/internal/lint"
	"github.com/ccan-archive/ccan/internal/lint/checks/testspass"
	"github.com/ccan-archive/ccan/internal/lint/testrunsutil"
)

// Check is the tests_pass_valgrind check.
var Check = &lint.Check{
	Name:         "tests_pass_valgrind",
	Title:        "Module's run and api tests succeed under valgrind",
	Compulsory:   false,
	TakesOptions: true,
	Requires:     []*lint.Check{testspass.Check},
	CanRun:       canRun,
	Run:          run,
}

// Result holds the definite leak reports, by test (module-relative).
type Result struct {
	Leaks map[string]string
}

func canRun(pass *lint.Pass) string {
	tp, ok := lint.ResultValue[testspass.Result](pass, testspass.Check)
	if !pass.Unit.Cfg.Valgrind || (ok && !tp.Valgrind) {
		return "No valgrind support"
	}
	return ""
}

func run(pass *lint.Pass) (any, error) {
	tp, _ := lint.ResultValue[testspass.Result](pass, testspass.Check)
	res := &Result{Leaks: map[string]string{}}
	tests := testrunsutil.Tests(pass.Unit.Module)
	ok, score := true, 0
	for _, t := range tests {
		if testrunsutil.IsFail(pass.FileOptions(t)) || tp.Logs[t] == "" {
			continue
		}
		log, _ := os.ReadFile(tp.Logs[t])
		errs, leaks := testrunsutil.AnalyzeValgrind(string(log))
		if leaks != "" {
			res.Leaks[t] = leaks
		}
		if errs != "" {
			pass.Reportf(t, 0, "%s", strings.TrimSuffix(errs, "\n"))
			ok = false
			continue
		}
		score++
	}
	pass.Score(ok, score, len(tests))
	return res, nil
}
