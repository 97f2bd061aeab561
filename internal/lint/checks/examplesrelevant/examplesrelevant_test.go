package examplesrelevant_test

import (
	"testing"

	"github.com/ccan-archive/ccan/internal/lint/checks/examplesrelevant"
	"github.com/ccan-archive/ccan/internal/lint/driver"
	"github.com/ccan-archive/ccan/internal/lint/linttest"
)

func TestRelevant(t *testing.T) {
	mr := linttest.Run(t, "testdata", "good", examplesrelevant.Check)
	linttest.Expect(t, mr, "examples_relevant", driver.StatusPass, 1, 1)
}

func TestIrrelevant(t *testing.T) {
	mr := linttest.Run(t, "testdata", "bad", examplesrelevant.Check)
	r := linttest.Expect(t, mr, "examples_relevant", driver.StatusFail, 0, 1)
	if len(r.Diagnostics) != 1 || r.Diagnostics[0].String() != "bad.h:7:Example for bad_add doesn't mention it" {
		t.Errorf("diagnostics = %v", r.Diagnostics)
	}
}
