package lint

import (
	"context"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/ccan-archive/ccan/internal/build"
	"github.com/ccan-archive/ccan/internal/buildenv"
	"github.com/ccan-archive/ccan/internal/module"
	"github.com/ccan-archive/ccan/internal/runner"
)

// Setup is what the user chose for a run.
type Setup struct {
	CC       string   // override config.h's compiler
	CFlags   []string // override config.h's flags (nil = keep)
	Safe     bool
	Verbose  int
	Timeout  time.Duration
	CacheDir string // ccan cache root ("" = no caching)
	Excluded map[string]bool
	Gcov     string // coverage tool ("" = "gcov" if it works)
	// Work is the scratch directory ("" = a new temp dir).
	Work string
	// Tools, when non-nil, remembers which tools work across Prepare
	// calls (tests prepare many runs).
	Tools *Tools
}

// Tools records whether valgrind and gcov work on this machine; the zero
// value probes on first use.
type Tools struct {
	once     sync.Once
	valgrind bool
	gcov     bool
}

// probe runs the tools as the lint will: through run (nil = directly),
// in dir.
func (t *Tools) probe(ctx context.Context, run runner.Func, dir string) {
	t.once.Do(func() {
		t.valgrind = works(ctx, run, dir, "valgrind", "-q", "true")
		t.gcov = works(ctx, run, dir, "gcov", "-h")
	})
}

// Prepare resolves the build environment of tree and returns a Config
// sharing builder b. The caller removes cfg.Work when done (unless
// keeping it).
//
// Every process of the lint runs through b.Run: set it (and b.RunKey) to
// a sandbox's to confine the whole lint, the _info compiler included.
// The confined processes then cannot see the cache: a generated config.h
// is copied into the work directory, and s.Work (when given) must be
// usable by the sandbox (see sandbox.Share).
func Prepare(ctx context.Context, tree *module.Tree, s Setup, b *build.Builder) (*Config, error) {
	env, err := buildenv.ForTree(ctx, tree, buildenv.Options{CC: s.CC, CFlags: s.CFlags, CacheDir: s.CacheDir})
	if err != nil {
		return nil, err
	}
	work := s.Work
	if work == "" {
		if work, err = os.MkdirTemp("", "ccanlint-"); err != nil {
			return nil, err
		}
		if b.Run != nil {
			// Confined processes run as another uid: let them reach
			// their directories (not list or write this one).
			if err := os.Chmod(work, 0o711); err != nil {
				return nil, err
			}
		}
	} else if err := os.MkdirAll(work, 0o755); err != nil {
		return nil, err
	}
	cfg := &Config{
		Builder: b, CC: env.CC, CFlags: env.CFlags, ConfigH: env.ConfigH,
		Safe: s.Safe, Verbose: s.Verbose, Timeout: s.Timeout, Work: work,
		Excluded: s.Excluded,
	}
	if env.Generated {
		cfg.ConfigDir = env.ConfigDir
		if b.Run != nil {
			if cfg.ConfigDir, err = copyConfig(env.ConfigH, work); err != nil {
				return nil, err
			}
			cfg.ConfigH = filepath.Join(cfg.ConfigDir, "config.h")
		}
	}
	if s.Safe {
		cfg.Querier = module.SafeQuerier{}
	} else {
		q := env.Querier()
		if s.CacheDir == "" {
			q.CacheDir = filepath.Join(work, "info-cache")
		}
		if b.Run != nil {
			q.Run, q.RunKey, q.WorkDir = b.Run, b.RunKey, work
			if env.Generated {
				q.IncludeDirs = []string{cfg.ConfigDir}
			}
		}
		cfg.Querier = &module.Memo{Q: q}
		cfg.BuildInfo = q.Build
	}
	if b.Run != nil {
		b.Expose(tree.Dir)
	}
	tools := s.Tools
	if tools == nil {
		tools = &Tools{}
	}
	tools.probe(ctx, b.Run, work)
	cfg.Valgrind = !s.Excluded["tests_pass_valgrind"] && tools.valgrind
	cfg.Gcov = s.Gcov
	if cfg.Gcov == "" && tools.gcov {
		cfg.Gcov = "gcov"
	}
	return cfg, nil
}

func works(ctx context.Context, run runner.Func, dir, name string, args ...string) bool {
	if run == nil {
		run = runner.Run
	}
	res, err := run(ctx, runner.Cmd{Args: append([]string{name}, args...), Dir: dir, Timeout: 30 * time.Second})
	return err == nil && res.OK()
}

// copyConfig copies the generated config.h into work/config (confined
// processes cannot read the cache) and returns that directory.
func copyConfig(configH, work string) (string, error) {
	src, err := os.ReadFile(configH)
	if err != nil {
		return "", err
	}
	dir := filepath.Join(work, "config")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", err
	}
	return dir, os.WriteFile(filepath.Join(dir, "config.h"), src, 0o644)
}
