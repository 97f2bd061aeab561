// Package lint defines the interface between the ccan lint driver and
// the checks, after golang.org/x/tools/go/analysis.
//
// A Check is a value: its Name is the ccanlint key ("tests_compile"),
// Title the human name ccanlint prints, Requires the checks it needs.
// The driver runs each check once per module, after its requirements,
// and hands it a Pass. The check records its score with Pass.Score /
// Pass.Fail and its findings with Pass.Reportf; it returns an error only
// when it could not run at all. Whatever it returns as its result is
// available to the checks that require it through Pass.ResultOf.
//
// Scoring follows ccanlint: a check starts at pass=false, score 0, total
// 1 and sets what it found. A check that cannot apply returns a reason
// from CanRun: it then counts 0/0 and its dependents are "dependency
// couldn't run". A failed check marks its dependents "dependency failed"
// (each counts 0/1). A failed Compulsory check zeroes the module's score
// and stops it.
package lint

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"
)

// Check is one lint check.
type Check struct {
	Name  string // ccanlint key, e.g. "objects_build"
	Title string // human name, printed in results
	Doc   string // documentation (first line: summary)
	// Requires are the checks that must run (and pass) first. Must be
	// acyclic.
	Requires []*Check
	// Compulsory checks stop the module when they fail.
	Compulsory bool
	// TakesOptions reports whether _info ccanlint may give options
	// other than FAIL to this check.
	TakesOptions bool
	// Extra marks checks beyond the original ccanlint: shown, scored
	// separately, never changing the ccanlint-compatible total.
	Extra bool
	// CanRun, when non-nil, returns a reason why the check does not
	// apply to this module ("" = it applies).
	CanRun func(*Pass) string
	// Run performs the check. Its result is passed to dependents.
	Run func(*Pass) (any, error)
}

func (c *Check) String() string { return c.Name }

// Diagnostic is one finding.
type Diagnostic struct {
	File    string `json:"file,omitempty"` // module-relative ("test/run.c"), "" = module-wide
	Line    int    `json:"line,omitempty"` // 1-based; 0 = whole file
	Message string `json:"message"`
}

func (d Diagnostic) String() string {
	switch {
	case d.File == "":
		return d.Message
	case d.Line == 0:
		return d.File + ":" + d.Message
	}
	return fmt.Sprintf("%s:%d:%s", d.File, d.Line, d.Message)
}

// Pass is what a check sees while it runs on one module.
type Pass struct {
	Check *Check
	Ctx   context.Context
	Unit  *Unit
	// ResultOf holds the results of the checks in Check.Requires (and
	// their requirements, transitively) that ran.
	ResultOf map[*Check]any
	// Options are the _info ccanlint arguments given for this check.
	Options []string

	passed      bool
	score       int
	total       int
	diagnostics []Diagnostic
	timedOut    bool
}

// NewPass returns a pass with ccanlint's starting score: fail, 0/1.
func NewPass(ctx context.Context, c *Check, u *Unit) *Pass {
	return &Pass{Check: c, Ctx: ctx, Unit: u, ResultOf: map[*Check]any{}, total: 1}
}

// Score sets the outcome: whether the check passed, and score/total.
func (p *Pass) Score(passed bool, score, total int) {
	p.passed, p.score, p.total = passed, score, total
}

// Pass sets a full pass: 1/1 unless a total was set.
func (p *Pass) Pass() { p.Score(true, p.total, p.total) }

// Fail sets a failure with score 0 out of the current total.
func (p *Pass) Fail() { p.Score(false, 0, p.total) }

// TimedOut marks the check as having run out of time.
func (p *Pass) TimedOut() { p.timedOut = true }

// Reportf records a finding in file (module-relative, "" for none) at line (0 for none).
func (p *Pass) Reportf(file string, line int, format string, args ...any) {
	p.diagnostics = append(p.diagnostics, Diagnostic{File: file, Line: line, Message: fmt.Sprintf(format, args...)})
}

// Report records a message that is not about one file.
func (p *Pass) Report(msg string) {
	p.diagnostics = append(p.diagnostics, Diagnostic{Message: msg})
}

// Outcome returns what the pass recorded.
func (p *Pass) Outcome() (passed bool, score, total int, diags []Diagnostic, timedOut bool) {
	return p.passed, p.score, p.total, p.diagnostics, p.timedOut
}

// FileOptions returns the options that apply to one file, following
// ccanlint: an option without ':' applies to every file, "<file>:<opt>"
// applies to that file; a FAIL (exactly that word) overrides everything.
func (p *Pass) FileOptions(file string) []string {
	var out []string
	for _, o := range p.Options {
		opt := o
		if strings.Contains(o, ":") {
			rest, ok := strings.CutPrefix(o, file+":")
			if !ok {
				continue
			}
			opt = rest
		}
		if opt == "FAIL" {
			return []string{"FAIL"}
		}
		out = append(out, opt)
	}
	return out
}

// Validate checks that the checks' names are unique, that every
// requirement is in the list, and that the graph is acyclic.
func Validate(checks []*Check) error {
	names := map[string]*Check{}
	for _, c := range checks {
		if c.Name == "" || c.Run == nil {
			return fmt.Errorf("check %q: missing name or Run", c.Name)
		}
		if prev, dup := names[c.Name]; dup && prev != c {
			return fmt.Errorf("duplicate check name %q", c.Name)
		}
		names[c.Name] = c
	}
	state := map[*Check]int{}
	var visit func(c *Check, path []string) error
	visit = func(c *Check, path []string) error {
		switch state[c] {
		case 1:
			return fmt.Errorf("requirement cycle: %s -> %s", strings.Join(path, " -> "), c.Name)
		case 2:
			return nil
		}
		state[c] = 1
		for _, r := range c.Requires {
			if names[r.Name] != r {
				return fmt.Errorf("check %s requires %s, which is not in the suite", c.Name, r.Name)
			}
			if err := visit(r, append(path, c.Name)); err != nil {
				return err
			}
		}
		state[c] = 2
		return nil
	}
	for _, c := range checks {
		if err := visit(c, nil); err != nil {
			return err
		}
	}
	return nil
}

// Ancestors returns every check c requires, transitively, in the order
// they appear in suite.
func Ancestors(c *Check, suite []*Check) []*Check {
	seen := map[*Check]bool{}
	var walk func(*Check)
	walk = func(x *Check) {
		for _, r := range x.Requires {
			if !seen[r] {
				seen[r] = true
				walk(r)
			}
		}
	}
	walk(c)
	pos := map[*Check]int{}
	for i, s := range suite {
		pos[s] = i
	}
	var out []*Check
	for a := range seen {
		out = append(out, a)
	}
	sort.Slice(out, func(i, j int) bool { return pos[out[i]] < pos[out[j]] })
	return out
}

// ResultAs fetches a requirement's result with its concrete type.
func ResultAs[T any](p *Pass, c *Check) (T, bool) {
	v, ok := p.ResultOf[c].(T)
	return v, ok
}

// ResultValue fetches a requirement's result as T, whether the
// requirement returned T or *T.
func ResultValue[T any](p *Pass, c *Check) (T, bool) {
	if v, ok := ResultAs[T](p, c); ok {
		return v, true
	}
	if v, ok := ResultAs[*T](p, c); ok && v != nil {
		return *v, true
	}
	var zero T
	return zero, false
}

// ErrNotImplemented is returned by checks not written yet.
var ErrNotImplemented = errors.New("check not implemented yet")

// Outcome is a pass's recorded result, in a form that can be stored and
// replayed (see Pass.Snapshot and Pass.Replay).
type Outcome struct {
	Passed      bool         `json:"passed"`
	Score       int          `json:"score"`
	Total       int          `json:"total"`
	Diagnostics []Diagnostic `json:"diagnostics,omitempty"`
}

// Snapshot returns what the pass has recorded so far.
func (p *Pass) Snapshot() Outcome {
	return Outcome{Passed: p.passed, Score: p.score, Total: p.total,
		Diagnostics: append([]Diagnostic(nil), p.diagnostics...)}
}

// Replay records a stored outcome as this pass's own.
func (p *Pass) Replay(o Outcome) {
	p.passed, p.score, p.total = o.Passed, o.Score, o.Total
	p.diagnostics = append(p.diagnostics, o.Diagnostics...)
}
