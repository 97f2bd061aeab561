package upload

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/ccan-archive/ccan/internal/build"
	"github.com/ccan-archive/ccan/internal/lint"
	"github.com/ccan-archive/ccan/internal/lint/driver"
	"github.com/ccan-archive/ccan/internal/lint/suite"
	"github.com/ccan-archive/ccan/internal/module"
	"github.com/ccan-archive/ccan/internal/runner"
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
		return false, "a compulsory check failed: " + mr.CompulsoryFailed + firstProblem(mr, mr.CompulsoryFailed)
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

// firstProblem is ": " and the first line of what check title reported
// (its error, else its first message), or "".
func firstProblem(mr *driver.ModuleResult, title string) string {
	for _, r := range mr.Checks {
		if r.Title != title {
			continue
		}
		text := r.Err
		if text == "" && len(r.Diagnostics) > 0 {
			text = r.Diagnostics[0].String()
		}
		text, _, _ = strings.Cut(strings.TrimSpace(text), "\n")
		if text == "" {
			return ""
		}
		return ": " + cut(text, 300, 0)
	}
	return ""
}

// Bounds of the messages a lint result keeps: a failing test's message
// is its output, up to the 4 MiB a run may print, and the result is
// stored with the version (or the junkcode entry's report) and shown.
const (
	maxMessage  = 8 << 10 // bytes of one message: its start and its end
	maxMessages = 50      // messages of one check
)

// tidy bounds the messages of mr's checks and writes the job's scratch
// paths in them short: the tree's directory goes, the job's directory
// becomes $SCRATCH.
func tidy(mr *driver.ModuleResult, treeDir, jobDir string) {
	clean := func(s string) string { return shortPaths(s, treeDir, jobDir) }
	for _, r := range mr.Checks {
		r.Err, r.Reason = clean(r.Err), clean(r.Reason)
		if n := len(r.Diagnostics); n > maxMessages {
			r.Diagnostics = append(r.Diagnostics[:maxMessages-1:maxMessages-1],
				lint.Diagnostic{Message: fmt.Sprintf("[%d more messages left out]", n-maxMessages+1)})
		}
		for i := range r.Diagnostics {
			r.Diagnostics[i].Message = cut(clean(r.Diagnostics[i].Message), maxMessage*3/4, maxMessage/4)
		}
	}
	mr.Err = clean(mr.Err)
}

// shortPaths takes the tree's directory out of paths in s and writes
// the job's directory as $SCRATCH.
func shortPaths(s, treeDir, jobDir string) string {
	s = strings.ReplaceAll(s, treeDir+"/", "")
	return strings.ReplaceAll(s, jobDir, "$SCRATCH")
}

// cut shortens s longer than head+tail bytes to its first head and last
// tail bytes (on UTF-8 character boundaries), saying how much went.
func cut(s string, head, tail int) string {
	if len(s) <= head+tail {
		return s
	}
	h := head
	for h > 0 && !utf8.RuneStart(s[h]) {
		h--
	}
	t := len(s) - tail
	for t < len(s) && !utf8.RuneStart(s[t]) {
		t++
	}
	if tail == 0 {
		return s[:h] + "..."
	}
	return fmt.Sprintf("%s\n[... %d bytes left out ...]\n%s", s[:h], t-h, s[t:])
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
