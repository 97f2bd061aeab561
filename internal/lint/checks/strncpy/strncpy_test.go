package strncpy_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/ccan-archive/ccan/internal/lint/checks/strncpy"
	"github.com/ccan-archive/ccan/internal/lint/driver"
	"github.com/ccan-archive/ccan/internal/lint/linttest"
)

func TestGood(t *testing.T) {
	mr := linttest.Run(t, "testdata", "good", strncpy.Check)
	linttest.Expect(t, mr, "strncpy", driver.StatusPass, 1, 1)
}

func TestBad(t *testing.T) {
	mr := linttest.Run(t, "testdata", "bad", strncpy.Check)
	r := linttest.Expect(t, mr, "strncpy", driver.StatusFail, 0, 1)
	var got []string
	for _, d := range r.Diagnostics {
		got = append(got, d.String())
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("findings (-want +got):\n%s", diff)
	}
}

var want = []string{`bad.c:8:strncpy may leave the destination unterminated: use memcpy with a length check, or snprintf(dst, size, "%s", src)`}
