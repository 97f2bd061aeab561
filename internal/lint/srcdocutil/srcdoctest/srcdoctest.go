// Package srcdoctest runs table tests of the source and documentation
// checks over fixture trees with linttest.
package srcdoctest

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/ccan-archive/ccan/internal/lint"
	"github.com/ccan-archive/ccan/internal/lint/driver"
	"github.com/ccan-archive/ccan/internal/lint/linttest"
)

// Case is the expected outcome of a check on one fixture module.
type Case struct {
	Module       string // module name in the fixture tree ("good")
	Status       driver.Status
	Score, Total int
	// Messages are the diagnostics as printed ("file:line:message");
	// nil means none.
	Messages []string
}

// Run lints each case's module of the tree at dir (normally "testdata")
// with check and compares the outcome.
func Run(t *testing.T, dir string, check *lint.Check, cases []Case) {
	t.Helper()
	// These checks run no tests: skip the slow valgrind and gcov probes.
	opts := linttest.Options{Setup: lint.Setup{
		Excluded: map[string]bool{"tests_pass_valgrind": true},
		Gcov:     "gcov",
	}}
	for _, c := range cases {
		t.Run(c.Module, func(t *testing.T) {
			mr := linttest.Run(t, dir, c.Module, check, opts)
			r := linttest.Expect(t, mr, check.Name, c.Status, c.Score, c.Total)
			var got []string
			for _, d := range r.Diagnostics {
				got = append(got, d.String())
			}
			if diff := cmp.Diff(c.Messages, got); diff != "" {
				t.Errorf("messages (-want +got):\n%s", diff)
			}
		})
	}
}
