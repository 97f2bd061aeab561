package testsexist_test

import (
	"testing"

	"github.com/ccan-archive/ccan/internal/lint/checks/testsexist"
	"github.com/ccan-archive/ccan/internal/lint/driver"
	"github.com/ccan-archive/ccan/internal/lint/srcdocutil/srcdoctest"
)

func TestTestsExist(t *testing.T) {
	srcdoctest.Run(t, "testdata", testsexist.Check, []srcdoctest.Case{
		{Module: "good", Status: driver.StatusPass, Score: 1, Total: 1},
		// No test directory at all passes, without the point.
		{Module: "notest", Status: driver.StatusPass, Score: 0, Total: 1, Messages: []string{"No test directory"}},
		{Module: "notests", Status: driver.StatusFail, Score: 0, Total: 1, Messages: []string{"No tests in test directory"}},
	})
}
