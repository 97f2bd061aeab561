package testshelperscompile

import (
	"testing"

	"github.com/ccan-archive/ccan/internal/lint/driver"
	"github.com/ccan-archive/ccan/internal/lint/linttest"
)

func TestTestshelperscompile(t *testing.T) {
	for _, tc := range []struct {
		module       string
		status       driver.Status
		score, total int
	}{
		{"good", driver.StatusPass, 2, 2},
		{"bad", driver.StatusFail, 0, 2},
	} {
		t.Run(tc.module, func(t *testing.T) {
			mr := linttest.Run(t, "testdata", tc.module, Check)
			linttest.Expect(t, mr, "tests_helpers_compile", tc.status, tc.score, tc.total)
		})
	}
}
