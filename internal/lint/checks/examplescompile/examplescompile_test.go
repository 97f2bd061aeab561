package examplescompile_test

import (
	"testing"

	"github.com/ccan-archive/ccan/internal/lint/checks/examplescompile"
	"github.com/ccan-archive/ccan/internal/lint/driver"
	"github.com/ccan-archive/ccan/internal/lint/linttest"
)

// good has a complete program in _info and statements in its header
// that compile once wrapped in main().
func TestCompile(t *testing.T) {
	mr := linttest.Run(t, "testdata", "good", examplescompile.Check)
	linttest.Expect(t, mr, "examples_compile", driver.StatusPass, 3, 3)
}

// bad's _info example warns (1 point, no bonus) and its header example
// compiles in no form.
func TestCompileFails(t *testing.T) {
	mr := linttest.Run(t, "testdata", "bad", examplescompile.Check)
	r := linttest.Expect(t, mr, "examples_compile", driver.StatusFail, 1, 3)
	if len(r.Diagnostics) != 2 {
		t.Errorf("want a warning and a failure, got %v", r.Diagnostics)
	}
}
