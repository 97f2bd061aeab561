package notrailingwhitespace_test

import (
	"testing"

	"github.com/ccan-archive/ccan/internal/lint/checks/notrailingwhitespace"
	"github.com/ccan-archive/ccan/internal/lint/driver"
	"github.com/ccan-archive/ccan/internal/lint/srcdocutil/srcdoctest"
)

func TestNoTrailingWhitespace(t *testing.T) {
	srcdoctest.Run(t, "testdata", notrailingwhitespace.Check, []srcdoctest.Case{
		{Module: "good", Status: driver.StatusPass, Score: 1, Total: 1},
		{Module: "bad", Status: driver.StatusPass, Score: 0, Total: 1, Messages: []string{
			"bad.c:1:'int x; '",
			"bad.c:3:...'ong line of code */\t'",
		}},
	})
}
