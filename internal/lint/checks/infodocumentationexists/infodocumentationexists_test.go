package infodocumentationexists_test

import (
	"testing"

	"github.com/ccan-archive/ccan/internal/lint/checks/infodocumentationexists"
	"github.com/ccan-archive/ccan/internal/lint/driver"
	"github.com/ccan-archive/ccan/internal/lint/srcdocutil/srcdoctest"
)

func TestInfoDocumentationExists(t *testing.T) {
	srcdoctest.Run(t, "testdata", infodocumentationexists.Check, []srcdoctest.Case{
		{Module: "good", Status: driver.StatusPass, Score: 1, Total: 1},
		{Module: "nodesc", Status: driver.StatusPass, Score: 0, Total: 1, Messages: []string{
			"_info file has no module description.\n\nThe lines after the first summary line in the _info file\n" +
				"documentation should describe the purpose and use of the\noverall package\n"}},
		{Module: "nodoc", Status: driver.StatusPass, Score: 0, Total: 1, Messages: []string{
			"_info file has no module documentation.\n\nCCAN modules use /**-style comments for documentation: the\n" +
				"overall documentation belongs in the _info metafile.\n"}},
	})
}
