package licensecomment_test

import (
	"testing"

	"github.com/ccan-archive/ccan/internal/lint/checks/licensecomment"
	"github.com/ccan-archive/ccan/internal/lint/driver"
	"github.com/ccan-archive/ccan/internal/lint/srcdocutil/srcdoctest"
)

func TestLicenseComment(t *testing.T) {
	srcdoctest.Run(t, "testdata", licensecomment.Check, []srcdoctest.Case{
		{Module: "good", Status: driver.StatusPass, Score: 1, Total: 1},
		{Module: "pd", Status: driver.StatusPass, Score: 1, Total: 1},
		// The line is ccanlint's: the one before the first code line.
		{Module: "bad", Status: driver.StatusFail, Score: 0, Total: 1, Messages: []string{
			"bad.c:2:No reference to license found",
			"nolicense.c:No reference to license found",
		}},
	})
}
