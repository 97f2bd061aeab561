package infoexists_test

import (
	"testing"

	"github.com/ccan-archive/ccan/internal/lint/checks/infoexists"
	"github.com/ccan-archive/ccan/internal/lint/driver"
	"github.com/ccan-archive/ccan/internal/lint/srcdocutil/srcdoctest"
)

func TestInfoExists(t *testing.T) {
	srcdoctest.Run(t, "testdata", infoexists.Check, []srcdoctest.Case{
		{Module: "good", Status: driver.StatusPass, Score: 1, Total: 1},
		{Module: "noinfo", Status: driver.StatusFail, Score: 0, Total: 1, Messages: []string{
			"You have no _info file.\n\nThe file _info contains the metadata for a ccan package: things\n" +
				"like the dependencies, the documentation for the package as a whole\nand license information.\n"}},
	})
}
