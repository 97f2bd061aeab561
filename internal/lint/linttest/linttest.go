// Package linttest runs lint checks over small C fixture modules in
// tests, with the real compiler, and checks their outcomes.
//
// A fixture is a CCAN tree under a check's testdata/ directory, e.g.
// testdata/ccan/good/... and testdata/ccan/bad/... (config.h is
// generated and cached when the tree has none). Run lints one module with
// the given check and everything it requires; Expect asserts one check's
// status and score.
package linttest

import (
	"context"
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/ccan-archive/ccan/internal/build"
	"github.com/ccan-archive/ccan/internal/lint"
	"github.com/ccan-archive/ccan/internal/lint/driver"
	"github.com/ccan-archive/ccan/internal/module"
)

// Suite returns c and all its requirements, requirements first.
func Suite(checks ...*lint.Check) []*lint.Check {
	var out []*lint.Check
	seen := map[*lint.Check]bool{}
	var add func(c *lint.Check)
	add = func(c *lint.Check) {
		if seen[c] {
			return
		}
		seen[c] = true
		for _, r := range c.Requires {
			add(r)
		}
		out = append(out, c)
	}
	for _, c := range checks {
		add(c)
	}
	return out
}

// CacheDir returns the cache root tests share: $CCAN_CACHE, else a
// directory under the system temp dir that survives between test runs.
func CacheDir() string {
	if d := os.Getenv("CCAN_CACHE"); d != "" {
		return d
	}
	return filepath.Join(os.TempDir(), "ccan-test-cache")
}

// tools is shared by every Run in a test binary: probing valgrind takes
// seconds.
var tools = &lint.Tools{}

// Options tune Run.
type Options struct {
	Setup lint.Setup
	Suite []*lint.Check // default: Suite(check)
}

// Run lints the module name of the tree at treeDir with check (and its
// requirements) and returns the module's result.
func Run(t testing.TB, treeDir, name string, check *lint.Check, opts ...Options) *driver.ModuleResult {
	t.Helper()
	var o Options
	if len(opts) > 0 {
		o = opts[0]
	}
	if o.Suite == nil {
		o.Suite = Suite(check)
	}
	if err := lint.Validate(o.Suite); err != nil {
		t.Fatal(err)
	}
	tree, err := module.FindTree(treeDir)
	if err != nil {
		t.Fatal(err)
	}
	m, err := tree.Load(name)
	if err != nil {
		t.Fatal(err)
	}
	setup := o.Setup
	if setup.CacheDir == "" {
		setup.CacheDir = CacheDir()
	}
	setup.Work = t.TempDir()
	if setup.Tools == nil {
		setup.Tools = tools
	}
	b := build.NewBuilder(&build.Cache{Dir: filepath.Join(setup.CacheDir, "build")}, runtime.NumCPU())
	cfg, err := lint.Prepare(context.Background(), tree, setup, b)
	if err != nil {
		t.Fatal(err)
	}
	return driver.RunModule(context.Background(), cfg, m, driver.Options{Suite: o.Suite})
}

// Result returns the named check's result in mr.
func Result(t testing.TB, mr *driver.ModuleResult, key string) *driver.CheckResult {
	t.Helper()
	for _, r := range mr.Checks {
		if r.Key == key {
			return r
		}
	}
	t.Fatalf("%s: no result for check %s (compulsory failure: %q)", mr.Module, key, mr.CompulsoryFailed)
	return nil
}

// Expect asserts a check's status, score and total, and logs its
// messages on failure.
func Expect(t testing.TB, mr *driver.ModuleResult, key string, status driver.Status, score, total int) *driver.CheckResult {
	t.Helper()
	r := Result(t, mr, key)
	if r.Status != status || r.Score != score || r.Total != total {
		t.Errorf("%s %s: got %s %d/%d, want %s %d/%d; reason %q; messages:\n%v",
			mr.Module, key, r.Status, r.Score, r.Total, status, score, total, r.Reason, r.Diagnostics)
	}
	return r
}
