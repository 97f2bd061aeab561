package unterminatedinit_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/ccan-archive/ccan/internal/lint/checks/unterminatedinit"
	"github.com/ccan-archive/ccan/internal/lint/driver"
	"github.com/ccan-archive/ccan/internal/lint/linttest"
)

func TestGood(t *testing.T) {
	mr := linttest.Run(t, "testdata", "good", unterminatedinit.Check)
	linttest.Expect(t, mr, "unterminated_init", driver.StatusPass, 1, 1)
}

func TestBad(t *testing.T) {
	mr := linttest.Run(t, "testdata", "bad", unterminatedinit.Check)
	r := linttest.Expect(t, mr, "unterminated_init", driver.StatusFail, 0, 1)
	var got []string
	for _, d := range r.Diagnostics {
		got = append(got, d.String())
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("findings (-want +got):\n%s", diff)
	}
}

var want = []string{
	"bad.c:4:tab[2] is initialised with a 2-character string: no room for its terminating NUL",
	"bad.c:5:hex[1] is initialised with a 1-character string: no room for its terminating NUL",
}
