// Package infosummarysingleline implements the info_summary_single_line check: Module has a single line summary in _info.
//
// Every summary line in _info's doc comments ("name - one line") must be
// followed by an empty comment line (only spaces and '*'): a summary
// that runs onto a second line is reported with both lines.
package infosummarysingleline

import (
	"strings"

	"github.com/ccan-archive/ccan/internal/lint"
	"github.com/ccan-archive/ccan/internal/lint/checks/infoexists"
	"github.com/ccan-archive/ccan/internal/lint/srcdocutil"
)

// Check is the info_summary_single_line check.
var Check = &lint.Check{
	Name:       "info_summary_single_line",
	Title:      "Module has a single line summary in _info",
	Compulsory: false,
	Requires:   []*lint.Check{infoexists.Check},
	Run:        run,
}

func run(pass *lint.Pass) (any, error) {
	m := pass.Unit.Module
	info, err := srcdocutil.Read(pass.Unit, m.Manifest.Info)
	if err != nil {
		return nil, err
	}
	passed := true
	for _, s := range m.Docs {
		if s.Type != "summary" {
			continue
		}
		// s.Line is 1-based, so it indexes the line after the summary.
		if s.Line < 1 || s.Line >= len(info.Lines) {
			continue
		}
		after := info.Lines[s.Line]
		if strings.Trim(after, " *") != "" {
			pass.Reportf(info.Name, s.Line, "%s\n%s", info.Lines[s.Line-1], after)
			passed = false
		}
	}
	if passed {
		pass.Pass()
	} else {
		pass.Fail()
	}
	return nil, nil
}
