package lint

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"time"

	"github.com/ccan-archive/ccan/internal/build"
	"github.com/ccan-archive/ccan/internal/buildenv"
	"github.com/ccan-archive/ccan/internal/module"
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

func (t *Tools) probe(ctx context.Context) {
	t.once.Do(func() {
		t.valgrind = works(ctx, "valgrind", "-q", "true")
		t.gcov = works(ctx, "gcov", "-h")
	})
}

// Prepare resolves the build environment of tree and returns a Config
// sharing builder b. The caller removes cfg.Work when done (unless
// keeping it).
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
	}
	if s.Safe {
		cfg.Querier = module.SafeQuerier{}
	} else {
		q := env.Querier()
		if s.CacheDir == "" {
			q.CacheDir = filepath.Join(work, "info-cache")
		}
		cfg.Querier = &module.Memo{Q: q}
	}
	tools := s.Tools
	if tools == nil {
		tools = &Tools{}
	}
	tools.probe(ctx)
	cfg.Valgrind = !s.Excluded["tests_pass_valgrind"] && tools.valgrind
	cfg.Gcov = s.Gcov
	if cfg.Gcov == "" && tools.gcov {
		cfg.Gcov = "gcov"
	}
	return cfg, nil
}

func works(ctx context.Context, name string, args ...string) bool {
	ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	return exec.CommandContext(ctx, name, args...).Run() == nil
}
