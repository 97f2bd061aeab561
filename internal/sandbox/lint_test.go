package sandbox

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/ccan-archive/ccan/internal/build"
	"github.com/ccan-archive/ccan/internal/lint"
	"github.com/ccan-archive/ccan/internal/lint/driver"
	"github.com/ccan-archive/ccan/internal/lint/linttest"
	"github.com/ccan-archive/ccan/internal/lint/suite"
	"github.com/ccan-archive/ccan/internal/module"
	"github.com/ccan-archive/ccan/internal/runner"
)

// lintModule lints module name of the tree at treeDir with the whole
// suite, every process through run (nil = unconfined), with a cold
// build cache. It returns the result and how many processes run saw.
func lintModule(t *testing.T, sb *Sandbox, run runner.Func, treeDir, name string) (*driver.ModuleResult, int64) {
	t.Helper()
	tree, err := module.FindTree(treeDir)
	if err != nil {
		t.Fatal(err)
	}
	m, err := tree.Load(name)
	if err != nil {
		t.Fatal(err)
	}
	var n atomic.Int64
	cacheDir, err := os.MkdirTemp("", "ccan-sandbox-cache-")
	if err != nil {
		t.Fatal(err)
	}
	defer os.RemoveAll(cacheDir)
	b := build.NewBuilder(&build.Cache{Dir: cacheDir}, 2)
	if run != nil {
		b.Run = func(ctx context.Context, c runner.Cmd) (*runner.Result, error) {
			n.Add(1)
			return run(ctx, c)
		}
		b.RunKey = sb.Key()
	}
	// The configure cache is shared with other tests: config.h is not
	// generated confined anyway.
	setup := lint.Setup{CacheDir: linttest.CacheDir(), Work: filepath.Join(scratch(t, sb), "tree0")}
	start := time.Now()
	cfg, err := lint.Prepare(context.Background(), tree, setup, b)
	if err != nil {
		t.Fatal(err)
	}
	mr := driver.RunModule(context.Background(), cfg, m, driver.Options{Suite: suite.All()})
	t.Logf("%s: %d/%d (extra %d/%d) in %v, %d processes confined", name, mr.Score, mr.Total, mr.ExtraScore, mr.ExtraTotal, time.Since(start), n.Load())
	for _, r := range mr.Checks {
		if r.Status == driver.StatusFail {
			t.Logf("  %s: %s %d/%d %v", r.Key, r.Status, r.Score, r.Total, r.Diagnostics)
		}
	}
	return mr, n.Load()
}

// TestLintStarterModule: a normal module still lints full marks with
// every process confined.
func TestLintStarterModule(t *testing.T) {
	sb := newSandbox(t, Config{Slots: 4})
	mr, n := lintModule(t, sb, sb.Run, filepath.Join("..", "..", "modules"), "list")
	if mr.Err != "" || !mr.Passed || mr.Score != mr.Total || mr.Total == 0 || n == 0 {
		t.Errorf("list through the sandbox: %d/%d passed=%v err=%q, %d processes", mr.Score, mr.Total, mr.Passed, mr.Err, n)
	}
	// AddressSanitizer programs cannot start under RLIMIT_AS: the extra
	// sanitizers check does not apply in the sandbox.
	if r := linttest.Result(t, mr, "tests_pass_sanitizers"); r.Status != driver.StatusCantRun {
		t.Errorf("tests_pass_sanitizers: %s, want %s", r.Status, driver.StatusCantRun)
	} else if !strings.Contains(r.Reason, "cannot run here") {
		// The compiler can build them; say so, not that it cannot.
		t.Errorf("tests_pass_sanitizers reason %q, want it to say the programs cannot run here", r.Reason)
	}
}

// TestLintConfined lints a module whose _info and test fail when they
// run as root: they pass only if the lint ran them confined.
func TestLintConfined(t *testing.T) {
	sb := newSandbox(t, Config{Slots: 4})
	// The tree: the module and ccan/tap, which its test needs.
	tree := visibleDir(t, "ccan-tree-")
	copyFiles(t, filepath.Join("testdata", "lint", "ccan", "confined"), filepath.Join(tree, "ccan", "confined"))
	copyFiles(t, filepath.Join("..", "..", "modules", "ccan", "tap"), filepath.Join(tree, "ccan", "tap"))
	mr, _ := lintModule(t, sb, sb.Run, tree, "confined")
	linttest.Expect(t, mr, "depends_exist", driver.StatusPass, 1, 1)
	linttest.Expect(t, mr, "tests_pass", driver.StatusPass, 1, 1)
	// Control: unconfined, both notice.
	mr, _ = lintModule(t, sb, nil, tree, "confined")
	linttest.Expect(t, mr, "depends_exist", driver.StatusFail, 0, 1)
}

// copyFiles copies the regular files of the tree src to dst, readable
// by everyone.
func copyFiles(t *testing.T, src, dst string) {
	t.Helper()
	err := filepath.WalkDir(src, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, path)
		switch {
		case d.IsDir():
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		case d.Type().IsRegular():
			b, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			return os.WriteFile(filepath.Join(dst, rel), b, 0o644)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
