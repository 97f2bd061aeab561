package lint

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/ccan-archive/ccan/internal/build"
	"github.com/ccan-archive/ccan/internal/module"
)

// Config is shared by every module of one lint run.
type Config struct {
	Builder *build.Builder
	// Querier answers _info questions (compiled, or the safe scan).
	Querier module.Querier
	// BuildInfo, when non-nil, compiles a module's _info the way Querier
	// does (once: the program is kept) and returns the program, or a
	// *module.BuildError with the compiler's output. info_compiles uses
	// it instead of compiling _info a second time.
	BuildInfo func(ctx context.Context, t *module.Tree, name string) (string, error)
	CC        string
	CFlags    []string // global flags (config.h's CCAN_CFLAGS or --cflags)
	// ConfigH is the config.h in force; ConfigDir is put on the include
	// path after the tree when the tree has no config.h of its own.
	ConfigH   string
	ConfigDir string
	Safe      bool // compile nothing (ccanlint -n)
	Verbose   int
	// Timeout is the per-check time budget (0 = none, as ccanlint
	// without --timeout).
	Timeout time.Duration
	// Valgrind reports whether tests run under valgrind.
	Valgrind bool
	// Gcov is the coverage tool command ("" = no coverage).
	Gcov string
	// Work is the run's scratch directory.
	Work string
	// Excluded are checks removed with -x.
	Excluded map[string]bool

	deps build.Once[*DepObject]
}

// Unit is one module under lint, with state its checks share.
type Unit struct {
	Cfg    *Config
	Module *module.Module
	// Work is this module's scratch directory (it holds a "test" symlink
	// to the module's test directory, as ccanlint's does).
	Work string

	// Flags set by checks for the driver and later checks.
	NonCCANDeps     atomic.Bool // depends lists a non-ccan entry
	BuildFailed     atomic.Bool // an object build failed
	FeaturesReduced atomic.Bool // reduce_features turned something off

	mu    sync.Mutex
	store map[string]any
}

// NewUnit prepares a module's scratch directory.
func NewUnit(cfg *Config, m *module.Module) (*Unit, error) {
	work := filepath.Join(cfg.Work, strings.ReplaceAll(m.Name, "/", "_"))
	if err := os.MkdirAll(work, 0o755); err != nil {
		return nil, err
	}
	link := filepath.Join(work, "test")
	os.Remove(link)
	if err := os.Symlink(filepath.Join(m.Dir, "test"), link); err != nil {
		return nil, err
	}
	return &Unit{Cfg: cfg, Module: m, Work: work}, nil
}

// Query asks the module's _info (answers are memoised by the Querier).
func (u *Unit) Query(ctx context.Context, keyword string) ([]string, error) {
	return u.Cfg.Querier.Query(ctx, u.Module.Tree, u.Module.Name, keyword)
}

// QueryModule asks another module's _info.
func (u *Unit) QueryModule(ctx context.Context, name, keyword string) ([]string, error) {
	return u.Cfg.Querier.Query(ctx, u.Module.Tree, name, keyword)
}

// Memo stores a value computed once per unit under key (for state that
// several checks derive from the same inputs).
func (u *Unit) Memo(key string, f func() any) any {
	u.mu.Lock()
	defer u.mu.Unlock()
	if v, ok := u.store[key]; ok {
		return v
	}
	if u.store == nil {
		u.store = make(map[string]any)
	}
	v := f()
	u.store[key] = v
	return v
}

// IncludeFlags are the -I flags every compile of the tree gets.
func (cfg *Config) IncludeFlags(treeDir string) []string {
	flags := []string{"-I" + treeDir}
	if cfg.ConfigDir != "" && cfg.ConfigDir != treeDir {
		flags = append(flags, "-I"+cfg.ConfigDir)
	}
	return flags
}
