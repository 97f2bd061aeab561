package mainheaderexists_test

import (
	"testing"

	"github.com/ccan-archive/ccan/internal/lint/checks/mainheaderexists"
	"github.com/ccan-archive/ccan/internal/lint/driver"
	"github.com/ccan-archive/ccan/internal/lint/srcdocutil/srcdoctest"
)

func TestMainHeaderExists(t *testing.T) {
	srcdoctest.Run(t, "testdata", mainheaderexists.Check, []srcdoctest.Case{
		{Module: "good", Status: driver.StatusPass, Score: 1, Total: 1},
		{Module: "bad", Status: driver.StatusFail, Score: 0, Total: 1, Messages: []string{
			"You have no bad/bad.h header file.\n\nCCAN modules have a name, the same as the directory name.  They're\n" +
				"expected to have an interface in the header of the same name.\n"}},
	})
}
