// Package testspassvalgrindnoleaks implements the
// tests_pass_valgrind_noleaks check: Module's run and api tests have no
// memory leaks.
//
// It reports the "definitely lost" blocks tests_pass_valgrind found in
// the valgrind logs. 1/1 when no test leaks; otherwise 0/1, but the
// check still passes (as in ccanlint: many tests leak). The only option
// it takes is "<file>:FAIL" (or FAIL for every file), which counts that
// test as leaking; any other option is an error (fatal in ccanlint).
package testspassvalgrindnoleaks

import (
	"fmt"
	"strings"

	"github.com/ccan-archive/ccan/internal/lint"
	"github.com/ccan-archive/ccan/internal/lint/checks/testspassvalgrind"
	"github.com/ccan-archive/ccan/internal/lint/testrunsutil"
)

// Check is the tests_pass_valgrind_noleaks check.
var Check = &lint.Check{
	Name:         "tests_pass_valgrind_noleaks",
	Title:        "Module's run and api tests have no memory leaks",
	Compulsory:   false,
	TakesOptions: true,
	Requires:     []*lint.Check{testspassvalgrind.Check},
	Run:          run,
}

func run(pass *lint.Pass) (any, error) {
	vg, _ := lint.ResultValue[testspassvalgrind.Result](pass, testspassvalgrind.Check)
	leaks := false
	for _, t := range testrunsutil.Tests(pass.Unit.Module) {
		if opts := pass.FileOptions(t); len(opts) > 0 {
			if opts[0] != "FAIL" {
				return nil, fmt.Errorf("unknown leakcheck options '%s'", opts[0])
			}
			leaks = true
			continue
		}
		if l := vg.Leaks[t]; l != "" {
			pass.Reportf(t, 0, "%s", strings.TrimSuffix(l, "\n"))
			leaks = true
		}
	}
	score := 1
	if leaks {
		score = 0
	}
	pass.Score(true, score, 1)
	return nil, nil
}
