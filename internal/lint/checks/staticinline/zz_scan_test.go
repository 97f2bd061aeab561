package staticinline

import (
	"os"
	"strings"
	"testing"

	"github.com/ccan-archive/ccan/internal/lint"
	"github.com/ccan-archive/ccan/internal/lint/checks/strcmpbool"
	"github.com/ccan-archive/ccan/internal/lint/checks/strncpy"
	"github.com/ccan-archive/ccan/internal/lint/checks/unterminatedinit"
	"github.com/ccan-archive/ccan/internal/lint/linttest"
)

func TestZZScan(t *testing.T) {
	tree, mods := os.Getenv("SCAN_TREE"), os.Getenv("SCAN_MODS")
	if tree == "" {
		t.Skip()
	}
	for _, m := range strings.Fields(mods) {
		cs := []*lint.Check{Check, strcmpbool.Check, strncpy.Check, unterminatedinit.Check}
		mr := linttest.Run(t, tree, m, Check, linttest.Options{Suite: linttest.Suite(cs...)})
		for _, c := range cs {
			r := linttest.Result(t, mr, c.Name)
			if !r.Passed {
				t.Logf("%s %s: %v", m, c.Name, r.Diagnostics)
			}
		}
	}
}
