package reducefeatures_test

import (
	"testing"

	"github.com/ccan-archive/ccan/internal/lint/checks/testshelperscompilewithoutfeatures"
	"github.com/ccan-archive/ccan/internal/lint/driver"
	"github.com/ccan-archive/ccan/internal/lint/linttest"
)

// The check always scores 0/0; whether it turned features off shows in
// tests_helpers_compile_without_features, which only runs if it did.
func TestReduceFeatures(t *testing.T) {
	for _, tc := range []struct {
		module string
		status driver.Status
	}{
		{"plain", driver.StatusCantRun},
		{"feat", driver.StatusPass},
	} {
		t.Run(tc.module, func(t *testing.T) {
			mr := linttest.Run(t, "testdata", tc.module, testshelperscompilewithoutfeatures.Check)
			linttest.Expect(t, mr, "reduce_features", driver.StatusPass, 0, 0)
			linttest.Expect(t, mr, "tests_helpers_compile_without_features", tc.status, 0, 0)
		})
	}
}
