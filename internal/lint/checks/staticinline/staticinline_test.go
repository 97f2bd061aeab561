package staticinline_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/ccan-archive/ccan/internal/lint/checks/staticinline"
	"github.com/ccan-archive/ccan/internal/lint/driver"
	"github.com/ccan-archive/ccan/internal/lint/linttest"
)

func TestGood(t *testing.T) {
	mr := linttest.Run(t, "testdata", "good", staticinline.Check)
	linttest.Expect(t, mr, "static_inline", driver.StatusPass, 1, 1)
}

func TestBad(t *testing.T) {
	mr := linttest.Run(t, "testdata", "bad", staticinline.Check)
	r := linttest.Expect(t, mr, "static_inline", driver.StatusFail, 0, 1)
	var got []string
	for _, d := range r.Diagnostics {
		got = append(got, d.String())
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("findings (-want +got):\n%s", diff)
	}
}

var want = []string{"bad.c:4:static inline function helper in a .c file hides unused-function warnings: use static"}
