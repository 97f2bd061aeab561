package objectsbuild

import (
	"testing"

	"github.com/ccan-archive/ccan/internal/lint"
	"github.com/ccan-archive/ccan/internal/lint/driver"
	"github.com/ccan-archive/ccan/internal/lint/linttest"
)

func TestObjectsbuild(t *testing.T) {
	for _, tc := range []struct {
		module       string
		status       driver.Status
		score, total int
	}{
		{"good", driver.StatusPass, 2, 2},
		{"warns", driver.StatusPass, 1, 2},
		{"bad", driver.StatusFail, 0, 2},
	} {
		t.Run(tc.module, func(t *testing.T) {
			mr := linttest.Run(t, "testdata", tc.module, Check)
			linttest.Expect(t, mr, "objects_build", tc.status, tc.score, tc.total)
		})
	}
}

func TestSafeMode(t *testing.T) {
	mr := linttest.Run(t, "testdata", "bad", Check, linttest.Options{Setup: lint.Setup{Safe: true}})
	r := linttest.Expect(t, mr, "objects_build", driver.StatusCantRun, 0, 0)
	if r.Reason != "Safe mode enabled" {
		t.Errorf("reason %q, want %q", r.Reason, "Safe mode enabled")
	}
}
