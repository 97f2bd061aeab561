package clangbuild_test

import (
	"os/exec"
	"strings"
	"testing"

	"github.com/ccan-archive/ccan/internal/lint/checks/clangbuild"
	"github.com/ccan-archive/ccan/internal/lint/driver"
	"github.com/ccan-archive/ccan/internal/lint/linttest"
)

// The check's logic is exercised with gcc as the "second" compiler, so
// that it runs everywhere; clang itself is tried when installed.
func TestClean(t *testing.T) {
	mr := linttest.Run(t, "testdata", "good", clangbuild.New("gcc"))
	linttest.Expect(t, mr, "clang_builds", driver.StatusPass, 1, 1)
}

func TestWarning(t *testing.T) {
	mr := linttest.Run(t, "testdata", "bad", clangbuild.New("gcc"))
	r := linttest.Expect(t, mr, "clang_builds", driver.StatusFail, 0, 1)
	if len(r.Diagnostics) != 1 || !strings.Contains(r.Diagnostics[0].Message, "unused") {
		t.Errorf("diagnostics = %v", r.Diagnostics)
	}
}

func TestClang(t *testing.T) {
	mr := linttest.Run(t, "testdata", "good", clangbuild.Check)
	if _, err := exec.LookPath("clang"); err != nil {
		linttest.Expect(t, mr, "clang_builds", driver.StatusCantRun, 0, 0)
		return
	}
	linttest.Expect(t, mr, "clang_builds", driver.StatusPass, 1, 1)
}
