package main

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"

	"github.com/ccan-archive/ccan/internal/build"
	"github.com/ccan-archive/ccan/internal/buildenv"
	"github.com/ccan-archive/ccan/internal/cli"
	"github.com/ccan-archive/ccan/internal/lint"
	"github.com/ccan-archive/ccan/internal/lint/driver"
	"github.com/ccan-archive/ccan/internal/lint/suite"
	"github.com/ccan-archive/ccan/internal/lintstore"
	"github.com/ccan-archive/ccan/internal/module"
	"github.com/ccan-archive/ccan/internal/store"
)

// archiveLinter lints modules for the archive: one builder (sharing the
// user's build cache) and one lint configuration per tree.
type archiveLinter struct {
	b     *build.Builder
	setup lint.Setup
	work  string

	mu   sync.Mutex
	cfgs map[string]*lint.Config
}

func newArchiveLinter(env *cli.Env) (*archiveLinter, error) {
	root := buildenv.CacheDir(env.Getenv)
	work, err := os.MkdirTemp("", "ccan-archive-lint-")
	if err != nil {
		return nil, err
	}
	return &archiveLinter{
		b:     build.NewBuilder(&build.Cache{Dir: filepath.Join(root, "build")}, runtime.NumCPU()),
		setup: lint.Setup{CacheDir: root, Tools: &lint.Tools{}},
		work:  work,
		cfgs:  map[string]*lint.Config{},
	}, nil
}

// Close removes the scratch directory.
func (l *archiveLinter) Close() { os.RemoveAll(l.work) }

func (l *archiveLinter) config(ctx context.Context, t *module.Tree) (*lint.Config, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if cfg := l.cfgs[t.Dir]; cfg != nil {
		return cfg, nil
	}
	s := l.setup
	s.Work = filepath.Join(l.work, fmt.Sprintf("tree%d", len(l.cfgs)))
	cfg, err := lint.Prepare(ctx, t, s, l.b)
	if err != nil {
		return nil, err
	}
	l.cfgs[t.Dir] = cfg
	return cfg, nil
}

// Lint runs every check on m and converts the result for the store.
func (l *archiveLinter) Lint(ctx context.Context, m *module.Module) (*store.LintResult, error) {
	cfg, err := l.config(ctx, m.Tree)
	if err != nil {
		return nil, err
	}
	mr := driver.RunModule(ctx, cfg, m, driver.Options{Suite: suite.All()})
	if mr.Err != "" {
		return nil, fmt.Errorf("%s", mr.Err)
	}
	return lintstore.Result(mr), ctx.Err()
}

// lintAdded lints the versions an import added ("name@version") and
// stores the results, logging progress. It is what "ccan serve" runs in
// the background after importing the starter archive.
func lintAdded(ctx context.Context, l *archiveLinter, w store.Writer, t *module.Tree, added []string, log *slog.Logger) {
	for i, nv := range added {
		name, version, _ := strings.Cut(nv, "@")
		m, err := t.Load(name)
		if err == nil {
			var res *store.LintResult
			if res, err = l.Lint(ctx, m); err == nil {
				err = w.SetLint(ctx, name, version, res)
				log.Info("linted", "module", name, "score", fmt.Sprintf("%d/%d", res.Score, res.Total), "done", i+1, "of", len(added))
			}
		}
		if ctx.Err() != nil {
			return
		}
		if err != nil {
			log.Warn("lint failed", "module", name, "err", err)
		}
	}
}
