package headersidempotent_test

import (
	"testing"

	"github.com/ccan-archive/ccan/internal/lint/checks/headersidempotent"
	"github.com/ccan-archive/ccan/internal/lint/driver"
	"github.com/ccan-archive/ccan/internal/lint/srcdocutil/srcdoctest"
)

func TestHeadersIdempotent(t *testing.T) {
	srcdoctest.Run(t, "testdata", headersidempotent.Check, []srcdoctest.Case{
		// good also has a one-line header, which is not checked.
		{Module: "good", Status: driver.StatusPass, Score: 1, Total: 1},
		{Module: "bad", Status: driver.StatusPass, Score: 0, Total: 1, Messages: []string{
			"other.h:5:code outside idempotent region",
			"third.h:2:Expect first non-comment line to be #ifndef.",
		}},
	})
}
