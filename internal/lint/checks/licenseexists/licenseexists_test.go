package licenseexists_test

import (
	"testing"

	"github.com/ccan-archive/ccan/internal/lint/checks/licenseexists"
	"github.com/ccan-archive/ccan/internal/lint/driver"
	"github.com/ccan-archive/ccan/internal/lint/srcdocutil/srcdoctest"
)

func TestLicenseExists(t *testing.T) {
	srcdoctest.Run(t, "testdata", licenseexists.Check, []srcdoctest.Case{
		{Module: "good", Status: driver.StatusPass, Score: 1, Total: 1},
		{Module: "nested/sub", Status: driver.StatusPass, Score: 1, Total: 1},
		{Module: "pd", Status: driver.StatusPass, Score: 1, Total: 1},
		{Module: "notag", Status: driver.StatusFail, Score: 0, Total: 1, Messages: []string{"No License: tag in _info"}},
		// The line is ccanlint's: one before the License: line.
		{Module: "unknown", Status: driver.StatusPass, Score: 0, Total: 1, Messages: []string{
			"_info:9:WARNING: unknown License: in _info: APACHE-2"}},
		{Module: "wronglink", Status: driver.StatusPass, Score: 0, Total: 1, Messages: []string{
			"Expected symlink to ../../licenses/BSD-MIT not ../../licenses/GPL-3"}},
		{Module: "outside", Status: driver.StatusPass, Score: 0, Total: 1, Messages: []string{
			"Expected symlink into ../../licenses/ not ../good/_info"}},
		{Module: "nolink", Status: driver.StatusPass, Score: 0, Total: 1, Messages: []string{"LICENSE does not exist"}},
		{Module: "realfile", Status: driver.StatusPass, Score: 0, Total: 1, Messages: []string{
			"License in _info is 'BSD-MIT', expect LICENSE symlink '../../licenses/BSD-MIT'"}},
	})
}
