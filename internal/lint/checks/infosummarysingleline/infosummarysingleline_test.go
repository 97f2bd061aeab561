package infosummarysingleline_test

import (
	"testing"

	"github.com/ccan-archive/ccan/internal/lint/checks/infosummarysingleline"
	"github.com/ccan-archive/ccan/internal/lint/driver"
	"github.com/ccan-archive/ccan/internal/lint/srcdocutil/srcdoctest"
)

func TestInfoSummarySingleLine(t *testing.T) {
	srcdoctest.Run(t, "testdata", infosummarysingleline.Check, []srcdoctest.Case{
		{Module: "good", Status: driver.StatusPass, Score: 1, Total: 1},
		{Module: "bad", Status: driver.StatusFail, Score: 0, Total: 1, Messages: []string{
			"_info:6: * bad - a fixture module\n * which goes on",
		}},
	})
}
