package licensefilecompat_test

import (
	"testing"

	"github.com/ccan-archive/ccan/internal/lint/checks/licensefilecompat"
	"github.com/ccan-archive/ccan/internal/lint/driver"
	"github.com/ccan-archive/ccan/internal/lint/srcdocutil/srcdoctest"
)

func TestLicenseFileCompat(t *testing.T) {
	srcdoctest.Run(t, "testdata", licensefilecompat.Check, []srcdoctest.Case{
		{Module: "good", Status: driver.StatusPass, Score: 1, Total: 1},
		{Module: "bad", Status: driver.StatusFail, Score: 0, Total: 1, Messages: []string{
			"bad.c:Found boilerplate for license 'GPLv2+' which is incompatible with 'BSD-MIT'"}},
		{Module: "unknown", Status: driver.StatusPass, Score: 0, Total: 0},
	})
}
