package browsertest

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/ccan-archive/ccan/internal/build"
	"github.com/ccan-archive/ccan/internal/buildenv"
	"github.com/ccan-archive/ccan/internal/lint"
	"github.com/ccan-archive/ccan/internal/lint/driver"
	"github.com/ccan-archive/ccan/internal/lint/suite"
	"github.com/ccan-archive/ccan/internal/lintstore"
	"github.com/ccan-archive/ccan/internal/module"
	"github.com/ccan-archive/ccan/internal/store"
)

// writingScreenshots reports whether this run rewrites docs/screenshots.
func writingScreenshots() bool {
	return *updateScreenshots || os.Getenv("CCAN_SCREENSHOTS") != ""
}

// lintResult is the lint result stored for module name: the real
// linter's when screenshots are written, so that docs/screenshots shows
// a true score table (a minute or so, less with a warm $CCAN_CACHE),
// else sampleLint(), which is instant.
func lintResult(t *testing.T, tr *module.Tree, name string) *store.LintResult {
	t.Helper()
	if !writingScreenshots() {
		return sampleLint()
	}
	_, err := exec.LookPath("cc")
	need(t, "gcc", "cc", err)
	m, err := tr.Load(name)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	root := buildenv.CacheDir(os.Getenv)
	b := build.NewBuilder(&build.Cache{Dir: filepath.Join(root, "build")}, runtime.NumCPU())
	cfg, err := lint.Prepare(ctx, tr, lint.Setup{CacheDir: root, Work: t.TempDir()}, b)
	if err != nil {
		t.Fatal(err)
	}
	mr := driver.RunModule(ctx, cfg, m, driver.Options{Suite: suite.All()})
	if mr.Err != "" {
		t.Fatalf("linting %s: %s", name, mr.Err)
	}
	// As "ccan serve" stores it.
	res := lintstore.Result(mr)
	t.Logf("linted %s: %d/%d", name, res.Score, res.Total)
	return res
}
