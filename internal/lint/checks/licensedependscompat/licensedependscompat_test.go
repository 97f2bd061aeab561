package licensedependscompat_test

import (
	"testing"

	"github.com/ccan-archive/ccan/internal/lint/checks/licensedependscompat"
	"github.com/ccan-archive/ccan/internal/lint/driver"
	"github.com/ccan-archive/ccan/internal/lint/srcdocutil/srcdoctest"
)

func TestLicenseDependsCompat(t *testing.T) {
	srcdoctest.Run(t, "testdata", licensedependscompat.Check, []srcdoctest.Case{
		{Module: "good", Status: driver.StatusPass, Score: 1, Total: 1},
		// A GPL module may use CC0 code.
		{Module: "gpl", Status: driver.StatusPass, Score: 1, Total: 1},
		{Module: "bad", Status: driver.StatusFail, Score: 0, Total: 1, Messages: []string{
			"../gpl/_info:Dependency ccan/gpl has incompatible license 'GPLv2+'"}},
	})
}
