package examplesrun_test

import (
	"strings"
	"testing"

	"github.com/ccan-archive/ccan/internal/lint/checks/examplesrun"
	"github.com/ccan-archive/ccan/internal/lint/driver"
	"github.com/ccan-archive/ccan/internal/lint/linttest"
)

func TestOutputs(t *testing.T) {
	mr := linttest.Run(t, "testdata", "good", examplesrun.Check)
	linttest.Expect(t, mr, "examples_run", driver.StatusPass, 2, 2)
}

func TestWrongOutput(t *testing.T) {
	mr := linttest.Run(t, "testdata", "bad", examplesrun.Check)
	r := linttest.Expect(t, mr, "examples_run", driver.StatusFail, 0, 1)
	if len(r.Diagnostics) != 1 || !strings.Contains(r.Diagnostics[0].Message, "output '3\n' didn't match '4'") {
		t.Errorf("diagnostics = %v", r.Diagnostics)
	}
}
