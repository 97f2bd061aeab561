package upload

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/ccan-archive/ccan/internal/build"
	"github.com/ccan-archive/ccan/internal/lint"
	"github.com/ccan-archive/ccan/internal/lint/driver"
	"github.com/ccan-archive/ccan/internal/lint/suite"
	"github.com/ccan-archive/ccan/internal/module"
	"github.com/ccan-archive/ccan/internal/runner"
	"github.com/ccan-archive/ccan/internal/store"
)

// DefaultCheckTimeout bounds one lint check of an upload.
const DefaultCheckTimeout = 5 * time.Minute

// Checker lints uploaded modules.
type Checker struct {
	// Cache is the build cache shared by every check; each check gets
	// a builder of its own on it, with Jobs process slots (1 when 0).
	Cache *build.Cache
	Jobs  int
	// Run runs every compile, _info run and test run of the uploaded
	// code: a sandbox's Run, with RunKey its Key. When nil, Unconfined
	// must be set, and the code runs as the server's user (ccan serve
	// --unsafe-local).
	Run        runner.Func
	RunKey     string
	Unconfined bool
	// Share, when non-nil, prepares a job's scratch directory for the
	// sandbox's users (sandbox.Share) before the lint runs there.
	Share func(dir string) error
	// CacheDir is the ccan cache root (configure results, config.h);
	// "" caches nothing.
	CacheDir string
	Tools    *lint.Tools
	Timeout  time.Duration // per check; DefaultCheckTimeout when 0
	// Suite is the checks to run (suite.All() when nil).
	Suite []*lint.Check
}

// errNoSandbox: a Checker without Run nor Unconfined.
var errNoSandbox = errors.New("no sandbox configured for checking uploads")

// Lint runs the suite on module name of tree t, with scratch directory
// work (inside scratch, the job's directory that Share prepares);
// progress, when non-nil, hears of each check as it finishes.
//
// The builder is the check's own: a builder remembers the trees it
// showed its processes, and a job's tree is gone after the job.
func (c *Checker) Lint(ctx context.Context, t *module.Tree, name, scratch, work string, progress func(*driver.CheckResult)) (*driver.ModuleResult, error) {
	if c.Run == nil && !c.Unconfined {
		return nil, errNoSandbox
	}
	b := build.NewBuilder(c.Cache, max(c.Jobs, 1))
	b.Run, b.RunKey = c.Run, c.RunKey
	timeout := c.Timeout
	if timeout <= 0 {
		timeout = DefaultCheckTimeout
	}
	if err := os.MkdirAll(work, 0o755); err != nil {
		return nil, err
	}
	if c.Share != nil {
		if err := c.Share(scratch); err != nil {
			return nil, err
		}
	}
	cfg, err := lint.Prepare(ctx, t, lint.Setup{CacheDir: c.CacheDir, Tools: c.Tools, Work: work, Timeout: timeout}, b)
	if err != nil {
		return nil, fmt.Errorf("preparing the lint: %w", err)
	}
	m, err := t.Load(name)
	if err != nil {
		return &driver.ModuleResult{Module: name, Err: err.Error()}, nil
	}
	checks := c.Suite
	if checks == nil {
		checks = suite.All()
	}
	mr := driver.RunModule(ctx, cfg, m, driver.Options{Suite: checks, CheckDone: progress})
	return mr, ctx.Err()
}

// publishable reports whether a lint result lets the module be
// published, and if not, why: a valid _info, tests, and every
// compulsory check passing.
func publishable(mr *driver.ModuleResult) (bool, string) {
	if mr.Err != "" {
		return false, "the module could not be checked: " + mr.Err
	}
	if mr.CompulsoryFailed != "" {
		return false, "a compulsory check failed: " + mr.CompulsoryFailed
	}
	for _, r := range mr.Checks {
		if r.Key == "tests_exist" {
			// It "passes" 0/1 without a test directory, as in ccanlint.
			if r.Status == driver.StatusPass && r.Total > 0 && r.Score == r.Total {
				return true, ""
			}
			break
		}
	}
	return false, "the module has no tests (test/run*.c or test/api*.c): only tested modules are published"
}

// LintResult converts a module's lint result into the store's form, as
// "ccan archive import" stores it: the ccanlint-compatible score, and
// every check including the extra ones.
func LintResult(mr *driver.ModuleResult) *store.LintResult {
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

// report is the lint result as ccanlint prints it (every check), with
// the scratch tree's directory taken out of paths.
func report(mr *driver.ModuleResult, treeDir string) string {
	var buf bytes.Buffer
	driver.PrintText(&buf, mr, 1, false)
	return strings.ReplaceAll(buf.String(), treeDir+"/", "")
}

// checkLine is one log line for a finished check.
func checkLine(r *driver.CheckResult) string {
	mark := "ok  "
	switch r.Status {
	case driver.StatusFail:
		mark = "FAIL"
	case driver.StatusSkipped, driver.StatusCantRun, driver.StatusTimedOut:
		mark = "skip"
	}
	line := fmt.Sprintf("%s %s (%d/%d)", mark, r.Title, r.Score, r.Total)
	if r.Reason != "" {
		line += ": " + r.Reason
	}
	return line + "\n"
}
