// Package notrailingwhitespace implements the no_trailing_whitespace check: Module's source code has no trailing whitespace.
//
// Every line of the module's top-level .c and .h files that ends in a
// space or tab is reported (lines made only of blanks are not). The
// message shows the line in quotes, or its last 20 bytes after "..."
// when it is longer. The check never fails: it scores 0/1 when anything
// is found.
package notrailingwhitespace

import (
	"strings"

	"github.com/ccan-archive/ccan/internal/lint"
	"github.com/ccan-archive/ccan/internal/lint/checks/infoexists"
	"github.com/ccan-archive/ccan/internal/lint/srcdocutil"
)

// Check is the no_trailing_whitespace check.
var Check = &lint.Check{
	Name:       "no_trailing_whitespace",
	Title:      "Module's source code has no trailing whitespace",
	Compulsory: false,
	Requires:   []*lint.Check{infoexists.Check},
	Run:        run,
}

func run(pass *lint.Pass) (any, error) {
	man := pass.Unit.Module.Manifest
	files, err := srcdocutil.ReadAll(pass.Unit, man.CFiles, man.HFiles)
	if err != nil {
		return nil, err
	}
	found := false
	for _, f := range files {
		for i, line := range f.Lines {
			if msg, ok := trailing(line); ok {
				pass.Reportf(f.Name, i+1, "%s", msg)
				found = true
			}
		}
	}
	if found {
		pass.Score(true, 0, 1) // not a failure
	} else {
		pass.Pass()
	}
	return nil, nil
}

// trailing returns the message for a line with trailing blanks.
func trailing(line string) (string, bool) {
	trimmed := strings.TrimRight(line, " \t")
	if trimmed == line || trimmed == "" {
		return "", false
	}
	if len(line) > 20 {
		return "...'" + line[len(line)-20:] + "'", true
	}
	return "'" + line + "'", true
}
