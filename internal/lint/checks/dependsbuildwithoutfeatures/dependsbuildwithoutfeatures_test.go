package dependsbuildwithoutfeatures

import (
	"testing"

	"github.com/ccan-archive/ccan/internal/lint/driver"
	"github.com/ccan-archive/ccan/internal/lint/linttest"
)

func TestDependsbuildwithoutfeatures(t *testing.T) {
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
			linttest.Expect(t, mr, "depends_build_without_features", tc.status, tc.score, tc.total)
		})
	}
}
