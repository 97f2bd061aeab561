package testscoverage

import (
	"fmt"
	"strings"
	"testing"

	"github.com/ccan-archive/ccan/internal/lint"
	"github.com/ccan-archive/ccan/internal/lint/checks/testscompilecoverage"
	"github.com/ccan-archive/ccan/internal/lint/driver"
	"github.com/ccan-archive/ccan/internal/lint/linttest"
)

func TestTestscoverage(t *testing.T) {
	for _, tc := range []struct {
		module       string
		status       driver.Status
		score, total int
	}{
		{"good", driver.StatusPass, 6, 6},
		{"half", driver.StatusPass, 1, 6},
	} {
		t.Run(tc.module, func(t *testing.T) {
			t.Parallel()
			mr := linttest.Run(t, "testdata", tc.module, Check)
			linttest.Expect(t, mr, "tests_coverage", tc.status, tc.score, tc.total)
		})
	}
}

// A module whose coverage rebuild only warns still has its tests built
// and measured (ccanlint goes on after warnings).
func TestObjectWarnings(t *testing.T) {
	mr := linttest.Run(t, "testdata", "warn", Check)
	linttest.Expect(t, mr, "tests_compile_coverage", driver.StatusPass, 1, 2)
	linttest.Expect(t, mr, "tests_coverage", driver.StatusPass, 6, 6)
}

// When only tests_compile_coverage ran, its outcome is remembered
// alone; a later run that needs tests_coverage builds the programs
// after all and measures, and the run after that replays both.
func TestRememberedCompileOnly(t *testing.T) {
	o := linttest.Options{Setup: lint.Setup{CacheDir: t.TempDir()}}
	mr := linttest.Run(t, "testdata", "half", testscompilecoverage.Check, o)
	linttest.Expect(t, mr, "tests_compile_coverage", driver.StatusPass, 1, 1)
	var msgs []string
	for i := 0; i < 2; i++ {
		mr = linttest.Run(t, "testdata", "half", Check, o)
		linttest.Expect(t, mr, "tests_compile_coverage", driver.StatusPass, 1, 1)
		r := linttest.Expect(t, mr, "tests_coverage", driver.StatusPass, 1, 6)
		msgs = append(msgs, fmt.Sprint(r.Diagnostics))
	}
	if msgs[0] != msgs[1] || !strings.Contains(msgs[0], "lines covered") {
		t.Errorf("measured %s, replayed %s", msgs[0], msgs[1])
	}
}
