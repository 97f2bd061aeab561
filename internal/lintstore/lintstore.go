// Package lintstore converts a lint driver result into the archive
// store's form. Both places that store lint results use it: "ccan
// archive import" and "ccan serve" (cmd/ccan, linting imported modules)
// and the upload worker (internal/upload, publishing an upload).
package lintstore

import (
	"encoding/json"

	"github.com/ccan-archive/ccan/internal/lint/driver"
	"github.com/ccan-archive/ccan/internal/store"
)

// Result converts a module's lint result into the store's form: the
// ccanlint-compatible score and every check, the extra ones included.
// A check's status carries its reason ("skipped: no tests"); its
// diagnostics become the JSON array of {file, line, message} that the
// site shows.
func Result(mr *driver.ModuleResult) *store.LintResult {
	res := &store.LintResult{Score: mr.Score, Total: mr.Total}
	for _, c := range mr.Checks {
		lc := &store.LintCheck{Key: c.Key, Title: c.Title, Status: string(c.Status), Score: c.Score, Total: c.Total}
		if c.Reason != "" {
			lc.Status += ": " + c.Reason
		}
		if len(c.Diagnostics) > 0 {
			lc.Messages, _ = json.Marshal(c.Diagnostics)
		}
		res.Checks = append(res.Checks, lc)
	}
	return res
}
