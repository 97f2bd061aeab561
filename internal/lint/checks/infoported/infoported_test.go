package infoported

import (
	"testing"

	"github.com/ccan-archive/ccan/internal/lint/driver"
	"github.com/ccan-archive/ccan/internal/lint/linttest"
)

func TestInfoported(t *testing.T) {
	for _, tc := range []struct {
		module       string
		status       driver.Status
		score, total int
	}{
		{"good", driver.StatusPass, 1, 1},
		{"notported", driver.StatusCantRun, 0, 0},
		{"depnotported", driver.StatusCantRun, 0, 0},
		{"twolines", driver.StatusFail, 0, 1},
	} {
		t.Run(tc.module, func(t *testing.T) {
			mr := linttest.Run(t, "testdata", tc.module, Check)
			linttest.Expect(t, mr, "info_ported", tc.status, tc.score, tc.total)
		})
	}
}
