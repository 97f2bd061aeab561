package hashif_test

import (
	"testing"

	"github.com/ccan-archive/ccan/internal/lint/checks/hashif"
	"github.com/ccan-archive/ccan/internal/lint/driver"
	"github.com/ccan-archive/ccan/internal/lint/srcdocutil/srcdoctest"
)

func TestHashIf(t *testing.T) {
	srcdoctest.Run(t, "testdata", hashif.Check, []srcdoctest.Case{
		{Module: "good", Status: driver.StatusPass, Score: 1, Total: 1},
		{Module: "bad", Status: driver.StatusPass, Score: 0, Total: 1, Messages: []string{
			"bad.c:2:HAVE_FOO should be tested with #if\n\t(#if works like #ifdef, but with gcc's -Wundef, we can detect\n" +
				"\tmistyped or unknown configuration options)",
			"test/run.c:1:HAVE_BAR should be tested with #if",
		}},
	})
}
