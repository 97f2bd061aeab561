// Package strncpy implements the strncpy extra check: the module does not
// use strncpy.
//
// strncpy does not terminate the destination when the source is too
// long, and pads it with NULs when it is short: it is almost never what
// is meant. Copy with an explicit length check and memcpy, snprintf(dst,
// size, "%s", src), or allocate (tal_strdup, ccan/tal/str). Every use in
// the module's .c and .h files (outside comments and strings) is
// reported.
package strncpy

import (
	"github.com/ccan-archive/ccan/internal/lint"
	"github.com/ccan-archive/ccan/internal/lint/checks/infoexists"
	"github.com/ccan-archive/ccan/internal/lint/extrautil"
)

// Check is the strncpy check.
var Check = &lint.Check{
	Name:     "strncpy",
	Title:    "Module does not use strncpy",
	Doc:      "strncpy may leave the destination unterminated; use memcpy with a length check or snprintf.",
	Extra:    true,
	Requires: []*lint.Check{infoexists.Check},
	Run:      run,
}

func run(pass *lint.Pass) (any, error) {
	files, err := extrautil.Sources(pass.Unit, true)
	if err != nil {
		return nil, err
	}
	var found []extrautil.Finding
	for _, f := range files {
		for _, t := range f.Toks {
			if t.Kind == extrautil.Ident && t.Text == "strncpy" {
				found = append(found, extrautil.Finding{File: f.Name, Line: t.Line,
					Message: "strncpy may leave the destination unterminated: use memcpy with a length check, or snprintf(dst, size, \"%s\", src)"})
			}
		}
	}
	extrautil.Report(pass, found)
	return nil, nil
}
