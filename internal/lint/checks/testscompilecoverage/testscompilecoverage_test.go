package testscompilecoverage

import (
	"testing"

	"github.com/ccan-archive/ccan/internal/lint/driver"
	"github.com/ccan-archive/ccan/internal/lint/linttest"
)

func TestTestscompilecoverage(t *testing.T) {
	for _, tc := range []struct {
		module       string
		status       driver.Status
		score, total int
	}{
		{"good", driver.StatusPass, 1, 1},
		{"warn", driver.StatusPass, 1, 2},
	} {
		t.Run(tc.module, func(t *testing.T) {
			t.Parallel()
			mr := linttest.Run(t, "testdata", tc.module, Check)
			linttest.Expect(t, mr, "tests_compile_coverage", tc.status, tc.score, tc.total)
		})
	}
}
