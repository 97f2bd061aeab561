package sanitizers_test

import (
	"strings"
	"testing"

	"github.com/ccan-archive/ccan/internal/lint/checks/sanitizers"
	"github.com/ccan-archive/ccan/internal/lint/driver"
	"github.com/ccan-archive/ccan/internal/lint/linttest"
)

func run(t *testing.T, name string) *driver.CheckResult {
	mr := linttest.Run(t, "testdata", name, sanitizers.Check)
	r := linttest.Result(t, mr, "tests_pass_sanitizers")
	if r.Status == driver.StatusCantRun {
		t.Skipf("sanitizers unavailable: %s", r.Reason)
	}
	return r
}

func TestClean(t *testing.T) {
	r := run(t, "good")
	if r.Status != driver.StatusPass || r.Score != 1 || r.Total != 1 {
		t.Errorf("got %s %d/%d, want pass 1/1: %v", r.Status, r.Score, r.Total, r.Diagnostics)
	}
}

func TestHeapOverflow(t *testing.T) {
	r := run(t, "bad")
	if r.Status != driver.StatusFail || r.Score != 1 || r.Total != 2 {
		t.Fatalf("got %s %d/%d, want fail 1/2: %v", r.Status, r.Score, r.Total, r.Diagnostics)
	}
	if len(r.Diagnostics) != 1 || r.Diagnostics[0].File != "test/run.c" || !strings.Contains(r.Diagnostics[0].Message, "heap-buffer-overflow") {
		t.Errorf("diagnostics = %v", r.Diagnostics)
	}
}
