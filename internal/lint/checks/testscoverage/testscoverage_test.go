package testscoverage

import (
	"testing"

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
