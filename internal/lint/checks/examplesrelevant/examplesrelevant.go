// Package examplesrelevant implements the examples_relevant check:
// Example: sections demonstrate appropriate function.
//
// Every Example: section in a top-level header must belong to a
// documented name (a "name - summary" line precedes it) and must mention
// that name somewhere in its lines. An example that does not is reported
// at the line of its "Example:" header and fails the check (0/1).
package examplesrelevant

import (
	"strings"

	"github.com/ccan-archive/ccan/internal/doc"
	"github.com/ccan-archive/ccan/internal/lint"
	"github.com/ccan-archive/ccan/internal/lint/checks/examplesexist"
)

// Check is the examples_relevant check.
var Check = &lint.Check{
	Name:       "examples_relevant",
	Title:      "Example: sections demonstrate appropriate function",
	Compulsory: false,
	Doc:        "each header Example: section mentions the function it documents",
	Requires:   []*lint.Check{examplesexist.Check},
	Run:        run,
}

func run(pass *lint.Pass) (any, error) {
	m := pass.Unit.Module
	bad := false
	for _, h := range m.Manifest.HFiles {
		secs, _, err := doc.ParseFile(m.Path(h))
		if err != nil {
			return nil, err
		}
		for _, s := range secs {
			if s.Type != "example" {
				continue
			}
			switch {
			case s.Function == "":
				pass.Reportf(h, s.Line, "Function name not found in summary line")
			case !mentions(s.Lines, s.Function):
				pass.Reportf(h, s.Line, "Example for %s doesn't mention it", s.Function)
			default:
				continue
			}
			bad = true
		}
	}
	if !bad {
		pass.Pass()
	}
	return nil, nil
}

func mentions(lines []string, name string) bool {
	for _, l := range lines {
		if strings.Contains(l, name) {
			return true
		}
	}
	return false
}
