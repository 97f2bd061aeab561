// Package driver runs a suite of lint checks over modules.
//
// Per module, every check waits for the checks it requires and then
// decides, from the outcomes of its ancestors taken in suite order,
// whether it is pre-skipped ("dependency failed", "excluded in _info
// file", "dependency timed out": 0/1), cannot run ("dependency couldn't
// run" or its own CanRun reason: 0/0), or runs. Because a check's fate
// depends only on its ancestors, independent checks run concurrently
// while the outcome equals ccanlint's sequential traversal. Reporting
// walks the suite order and stops at the first failed compulsory check,
// exactly as ccanlint does; anything that ran after it is discarded.
//
// Modules are linted concurrently too; all external processes share the
// build.Builder's job slots, which bound the machine's load.
package driver

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/ccan-archive/ccan/internal/lint"
	"github.com/ccan-archive/ccan/internal/module"
)

// Status of one check on one module.
type Status string

const (
	StatusPass     Status = "pass"
	StatusFail     Status = "fail"
	StatusSkipped  Status = "skipped"  // pre-skipped: counts 0/1
	StatusCantRun  Status = "cant_run" // not applicable: counts 0/0
	StatusTimedOut Status = "timeout"
)

// CheckResult is one check's outcome on one module.
type CheckResult struct {
	Key         string            `json:"key"`
	Title       string            `json:"name"`
	Status      Status            `json:"status"`
	Passed      bool              `json:"passed"`
	Score       int               `json:"score"`
	Total       int               `json:"total"`
	Reason      string            `json:"reason,omitempty"` // why skipped
	Diagnostics []lint.Diagnostic `json:"messages,omitempty"`
	Extra       bool              `json:"extra,omitempty"`
	Elapsed     time.Duration     `json:"elapsed_ns"`
	Err         string            `json:"error,omitempty"` // the check could not run

	check  *lint.Check
	result any
}

// ModuleResult is a module's whole lint outcome.
type ModuleResult struct {
	Module string         `json:"module"`
	Dir    string         `json:"dir"`
	Checks []*CheckResult `json:"checks"`
	Score  int            `json:"score"`
	Total  int            `json:"total"`
	Passed bool           `json:"passed"`
	// CompulsoryFailed names the compulsory check that stopped the module.
	CompulsoryFailed string `json:"compulsory_failed,omitempty"`
	// ExtraScore/ExtraTotal sum the checks beyond ccanlint.
	ExtraScore int `json:"extra_score"`
	ExtraTotal int `json:"extra_total"`
	// Warnings are problems with the _info ccanlint settings.
	Warnings []string      `json:"warnings,omitempty"`
	Elapsed  time.Duration `json:"elapsed_ns"`
	Err      string        `json:"error,omitempty"`
}

// Options select what runs.
type Options struct {
	Suite []*lint.Check // in report order
	// Targeting ignores _info FAIL entries (ccanlint -t).
	Targeting bool
	// DepsFailIgnore passes modules with non-CCAN deps whose build failed.
	DepsFailIgnore bool
	// Jobs bounds modules linted at once (0 = 2).
	Jobs int
	// Progress, when non-nil, is called as each module finishes.
	Progress func(*ModuleResult)
	// CheckDone, when non-nil, is called as each check's outcome is
	// known (concurrently, in completion order), for live logs. A check
	// that ran after a failed compulsory one is reported here but left
	// out of the ModuleResult.
	CheckDone func(*CheckResult)
}

// Run lints every module and returns results in input order.
func Run(ctx context.Context, cfg *lint.Config, mods []*module.Module, opts Options) []*ModuleResult {
	jobs := opts.Jobs
	if jobs < 1 {
		jobs = 2
	}
	out := make([]*ModuleResult, len(mods))
	sem := make(chan struct{}, jobs)
	var wg sync.WaitGroup
	for _, i := range StartOrder(mods) {
		sem <- struct{}{}
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer func() { <-sem }()
			out[i] = RunModule(ctx, cfg, mods[i], opts)
			if opts.Progress != nil {
				opts.Progress(out[i])
			}
		}()
	}
	wg.Wait()
	return out
}

// StartOrder returns the indexes of mods in the order to start linting
// them: modules with the most Example: sections first (ties in input
// order). examples_compile tries a module's examples largely one after
// another, the longest chain of dependent processes in a module; started
// last, such a module would leave cores idle at the end of a run while
// its chain finishes.
func StartOrder(mods []*module.Module) []int {
	weight := make([]int, len(mods))
	order := make([]int, len(mods))
	for i, m := range mods {
		order[i] = i
		weight[i] = countExamples(m)
	}
	sort.SliceStable(order, func(a, b int) bool { return weight[order[a]] > weight[order[b]] })
	return order
}

// countExamples counts "Example:" in the module's _info and top-level
// sources (a cheap estimate of its examples; unreadable files count 0).
func countExamples(m *module.Module) int {
	files := append(append([]string{"_info"}, m.Manifest.HFiles...), m.Manifest.CFiles...)
	n := 0
	for _, f := range files {
		b, err := os.ReadFile(m.Path(f))
		if err == nil {
			n += bytes.Count(b, []byte("Example:"))
		}
	}
	return n
}

// node is one check's state while a module runs.
type node struct {
	check *lint.Check
	res   *CheckResult
	done  chan struct{}
	// effect on dependents: "" none, else a skip reason or cantRun marker.
	failed, cantRun, timedOut bool
}

// RunModule lints one module.
func RunModule(ctx context.Context, cfg *lint.Config, m *module.Module, opts Options) *ModuleResult {
	start := time.Now()
	mr := &ModuleResult{Module: m.Name, Dir: m.Dir}
	u, err := lint.NewUnit(cfg, m)
	if err != nil {
		mr.Err = err.Error()
		return mr
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	nodes := make(map[*lint.Check]*node, len(opts.Suite))
	for _, c := range opts.Suite {
		nodes[c] = &node{check: c, done: make(chan struct{})}
	}
	pre := map[*lint.Check]string{} // pre-skip marks from _info
	settings := &infoSettings{}
	var wg sync.WaitGroup
	for i, c := range opts.Suite {
		n := nodes[c]
		ancestors := lint.Ancestors(c, opts.Suite)
		run := func() {
			for _, r := range c.Requires {
				if rn := nodes[r]; rn != nil {
					<-rn.done
				}
			}
			decide(ctx, u, n, nodes, ancestors, pre[c], settings.options[c.Name])
			close(n.done)
			if opts.CheckDone != nil {
				opts.CheckDone(n.res)
			}
		}
		if i == 0 {
			// The first check (info_exists) runs alone: its success makes
			// the _info ccanlint settings known before anything else.
			run()
			if n.res.Passed && n.res.Status == StatusPass {
				settings = readInfoSettings(ctx, u, opts)
				mr.Warnings = settings.warnings
				for _, x := range settings.fail {
					pre[x] = "excluded in _info file"
					for _, d := range dependents(x, opts.Suite) {
						pre[d] = "excluded in _info file"
					}
				}
			}
			continue
		}
		wg.Add(1)
		go func() { defer wg.Done(); run() }()
	}
	wg.Wait()
	report(mr, u, opts, nodes)
	mr.Elapsed = time.Since(start)
	return mr
}

// decide runs or skips one check given its ancestors' outcomes.
func decide(ctx context.Context, u *lint.Unit, n *node, nodes map[*lint.Check]*node, ancestors []*lint.Check, preSkip string, options []string) {
	c := n.check
	res := &CheckResult{Key: c.Name, Title: c.Title, Extra: c.Extra, check: c, Total: 1}
	n.res = res
	skip, cantRun := preSkip, false
	for _, a := range ancestors {
		an := nodes[a]
		if an == nil {
			continue
		}
		switch {
		case an.failed:
			skip = "dependency failed"
		case an.timedOut:
			skip = "dependency timed out"
		case an.cantRun:
			cantRun = true
		}
	}
	if skip != "" {
		res.Status, res.Passed, res.Score, res.Total, res.Reason = StatusSkipped, true, 0, 1, skip
		return
	}
	pass := lint.NewPass(ctx, c, u)
	pass.Options = options
	for _, a := range ancestors {
		if an := nodes[a]; an != nil && an.res != nil && an.res.result != nil {
			pass.ResultOf[a] = an.res.result
		}
	}
	reason := ""
	if cantRun {
		reason = "dependency couldn't run"
	} else if c.CanRun != nil {
		reason = c.CanRun(pass)
	}
	if reason != "" {
		n.cantRun = true
		res.Status, res.Passed, res.Score, res.Total, res.Reason = StatusCantRun, true, 0, 0, reason
		return
	}
	start := time.Now()
	result, err := runCheck(pass, u)
	res.Elapsed = time.Since(start)
	passed, score, total, diags, timedOut := pass.Outcome()
	res.result = result
	if err != nil {
		res.Err = err.Error()
		passed = false
		diags = append(diags, lint.Diagnostic{Message: err.Error()})
	}
	if timedOut {
		n.timedOut = true
		res.Status, res.Passed, res.Score, res.Total, res.Reason = StatusTimedOut, true, 0, 0, "timeout"
		return
	}
	res.Passed, res.Score, res.Total, res.Diagnostics = passed, score, total, diags
	res.Status = StatusPass
	if !passed {
		res.Status = StatusFail
		n.failed = true
	}
}

// runCheck runs the check with the per-check time budget, converting a
// panic into an error so one broken check cannot take the run down.
func runCheck(pass *lint.Pass, u *lint.Unit) (result any, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("check %s panicked: %v", pass.Check.Name, r)
		}
	}()
	if u.Cfg.Timeout > 0 {
		ctx, cancel := context.WithTimeout(pass.Ctx, u.Cfg.Timeout)
		defer cancel()
		pass.Ctx = ctx
		result, err = pass.Check.Run(pass)
		if ctx.Err() == context.DeadlineExceeded {
			pass.TimedOut()
			return nil, nil
		}
		return result, err
	}
	return pass.Check.Run(pass)
}

// report sums the results in suite order, stopping at the first failed
// compulsory check as ccanlint does.
func report(mr *ModuleResult, u *lint.Unit, opts Options, nodes map[*lint.Check]*node) {
	mr.Passed = true
	for _, c := range opts.Suite {
		r := nodes[c].res
		mr.Checks = append(mr.Checks, r)
		if c.Extra {
			mr.ExtraScore += r.Score
			mr.ExtraTotal += r.Total
			continue
		}
		mr.Score += r.Score
		mr.Total += r.Total
		if !r.Passed {
			mr.Passed = false
		}
		if !r.Passed && c.Compulsory {
			mr.CompulsoryFailed = c.Title
			mr.Score = 0
			break
		}
	}
	if opts.DepsFailIgnore && u.NonCCANDeps.Load() && u.BuildFailed.Load() {
		mr.Passed = true
	}
}

// dependents returns every check that transitively requires c.
func dependents(c *lint.Check, suite []*lint.Check) []*lint.Check {
	var out []*lint.Check
	for _, s := range suite {
		for _, a := range lint.Ancestors(s, suite) {
			if a == c {
				out = append(out, s)
				break
			}
		}
	}
	return out
}

// infoSettings are the parsed _info ccanlint answers.
type infoSettings struct {
	fail     []*lint.Check
	options  map[string][]string
	warnings []string
}

func readInfoSettings(ctx context.Context, u *lint.Unit, opts Options) *infoSettings {
	s := &infoSettings{options: map[string][]string{}}
	if u.Cfg.Safe {
		return s
	}
	lines, err := u.Query(ctx, module.Ccanlint)
	if err != nil {
		return s
	}
	byName := map[string]*lint.Check{}
	for _, c := range opts.Suite {
		byName[c.Name] = c
	}
	info := u.Module.Path("_info")
	for _, line := range lines {
		words := strings.Fields(line)
		if len(words) == 0 {
			continue
		}
		c := byName[words[0]]
		if c == nil {
			s.warnings = append(s.warnings, fmt.Sprintf("%s: unknown ccanlint test '%s'", info, words[0]))
			continue
		}
		if len(words) == 1 {
			s.warnings = append(s.warnings, fmt.Sprintf("%s: no argument to test '%s'", info, words[0]))
			continue
		}
		if strings.EqualFold(words[1], "FAIL") {
			if !opts.Targeting {
				s.fail = append(s.fail, c)
			}
			continue
		}
		if !c.TakesOptions {
			s.warnings = append(s.warnings, fmt.Sprintf("%s: %s doesn't take options", info, words[0]))
		}
		s.options[c.Name] = append(s.options[c.Name], words[1:]...)
	}
	return s
}
