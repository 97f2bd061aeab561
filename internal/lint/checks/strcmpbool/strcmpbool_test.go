package strcmpbool_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/ccan-archive/ccan/internal/lint/checks/strcmpbool"
	"github.com/ccan-archive/ccan/internal/lint/driver"
	"github.com/ccan-archive/ccan/internal/lint/linttest"
)

func TestGood(t *testing.T) {
	mr := linttest.Run(t, "testdata", "good", strcmpbool.Check)
	linttest.Expect(t, mr, "strcmp_bool", driver.StatusPass, 1, 1)
}

func TestBad(t *testing.T) {
	mr := linttest.Run(t, "testdata", "bad", strcmpbool.Check)
	r := linttest.Expect(t, mr, "strcmp_bool", driver.StatusFail, 0, 1)
	var got []string
	for _, d := range r.Diagnostics {
		got = append(got, d.String())
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("findings (-want +got):\n%s", diff)
	}
}

var want = []string{
	"bad.c:8:strcmp() used as a boolean: use !streq() (ccan/str)",
	"bad.c:12:strcmp() used as a boolean: use streq() (ccan/str)",
	"bad.c:12:strcmp() used as a boolean: use streq() (ccan/str)",
}
