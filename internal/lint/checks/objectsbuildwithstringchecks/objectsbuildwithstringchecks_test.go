package objectsbuildwithstringchecks

import (
	"testing"

	"github.com/ccan-archive/ccan/internal/lint/driver"
	"github.com/ccan-archive/ccan/internal/lint/linttest"
)

func TestObjectsbuildwithstringchecks(t *testing.T) {
	for _, tc := range []struct {
		module       string
		status       driver.Status
		score, total int
	}{
		{"good", driver.StatusPass, 1, 1},
		{"bad", driver.StatusPass, 0, 1},
		{"plain", driver.StatusCantRun, 0, 0},
	} {
		t.Run(tc.module, func(t *testing.T) {
			mr := linttest.Run(t, "testdata", tc.module, Check)
			linttest.Expect(t, mr, "objects_build_with_stringchecks", tc.status, tc.score, tc.total)
		})
	}
}
