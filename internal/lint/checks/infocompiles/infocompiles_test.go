package infocompiles

import (
	"testing"

	"github.com/ccan-archive/ccan/internal/lint"
	"github.com/ccan-archive/ccan/internal/lint/driver"
	"github.com/ccan-archive/ccan/internal/lint/linttest"
)

func TestInfocompiles(t *testing.T) {
	for _, tc := range []struct {
		module       string
		status       driver.Status
		score, total int
	}{
		{"good", driver.StatusPass, 1, 1},
		{"bad", driver.StatusFail, 0, 1},
	} {
		t.Run(tc.module, func(t *testing.T) {
			mr := linttest.Run(t, "testdata", tc.module, Check)
			linttest.Expect(t, mr, "info_compiles", tc.status, tc.score, tc.total)
		})
	}
}

// In safe mode nothing is compiled: the check passes without points.
func TestSafeMode(t *testing.T) {
	mr := linttest.Run(t, "testdata", "bad", Check, linttest.Options{Setup: lint.Setup{Safe: true}})
	linttest.Expect(t, mr, "info_compiles", driver.StatusPass, 0, 1)
}
