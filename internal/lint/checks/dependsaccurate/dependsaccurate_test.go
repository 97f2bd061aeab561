package dependsaccurate_test

import (
	"testing"

	"github.com/ccan-archive/ccan/internal/lint/checks/dependsaccurate"
	"github.com/ccan-archive/ccan/internal/lint/driver"
	"github.com/ccan-archive/ccan/internal/lint/srcdocutil/srcdoctest"
)

func TestDependsAccurate(t *testing.T) {
	srcdoctest.Run(t, "testdata", dependsaccurate.Check, []srcdoctest.Case{
		// Own headers, own test/ headers, listed deps, test deps, ccan/tap
		// and conditional includes are all fine.
		{Module: "good", Status: driver.StatusPass, Score: 1, Total: 1},
		{Module: "missing", Status: driver.StatusFail, Score: 0, Total: 1, Messages: []string{
			"missing.c:3:ccan/other not listed in _info",
			"test/run.c:1:ccan/tdep not listed in _info",
		}},
		// Used only by a test: unused, which scores 0 but passes.
		{Module: "unused", Status: driver.StatusPass, Score: 0, Total: 1, Messages: []string{
			"_info:ccan/dep is an unused dependency"}},
		// Inside the include guard counts; a submodule needs its own entry.
		{Module: "guarded", Status: driver.StatusFail, Score: 0, Total: 1, Messages: []string{
			"guarded.h:5:ccan/guarded/sub not listed in _info"}},
	})
}
