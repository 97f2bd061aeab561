// Package buildenv decides how C code of a CCAN tree is compiled: which
// compiler, which flags, and which config.h.
//
// Like the original tools, it reads CCAN_COMPILER and CCAN_CFLAGS from the
// tree's config.h. Unlike them, a tree without config.h still works: a
// config.h is generated once per compiler and flag set by the configure
// package, kept in the user cache directory, and put on the include path
// after the tree's own directory.
package buildenv

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/ccan-archive/ccan/internal/configure"
	"github.com/ccan-archive/ccan/internal/module"
)

// Options tune ForTree.
type Options struct {
	// CC and CFlags override what config.h says (empty = keep).
	CC     string
	CFlags []string
	// CacheDir is the ccan cache root (see CacheDir); "" = no caching.
	CacheDir string
	// Log receives progress of a config.h generation (nil = quiet).
	Log io.Writer
}

// Env is the resolved build environment of a tree.
type Env struct {
	CC     string
	CFlags []string
	// ConfigH is the config.h in force; ConfigDir is its directory.
	ConfigH   string
	ConfigDir string
	// Generated reports whether config.h was generated because the tree
	// has none.
	Generated bool
	CacheDir  string
}

// CacheDir returns the ccan cache root: $CCAN_CACHE if set, else
// <user cache dir>/ccan.
func CacheDir(getenv func(string) string) string {
	if d := getenv("CCAN_CACHE"); d != "" {
		return d
	}
	if d, err := os.UserCacheDir(); err == nil {
		return filepath.Join(d, "ccan")
	}
	return filepath.Join(os.TempDir(), "ccan-cache")
}

// ForTree resolves the build environment of t.
func ForTree(ctx context.Context, t *module.Tree, opts Options) (*Env, error) {
	env := &Env{CacheDir: opts.CacheDir}
	if src, err := os.ReadFile(t.ConfigH()); err == nil {
		cfg, err := configure.Parse(src)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", t.ConfigH(), err)
		}
		env.CC, env.CFlags = cfg.Compiler, SplitFlags(cfg.CFlags)
		env.ConfigH, env.ConfigDir = t.ConfigH(), t.Dir
	} else if !os.IsNotExist(err) {
		return nil, err
	}
	if opts.CC != "" {
		env.CC = opts.CC
	}
	if opts.CFlags != nil {
		env.CFlags = opts.CFlags
	}
	if env.ConfigH != "" {
		if env.CC == "" {
			env.CC = "cc"
		}
		return env, nil
	}
	return env, env.generate(ctx, opts)
}

// generate makes (or finds) a cached config.h for the compiler and flags.
func (env *Env) generate(ctx context.Context, opts Options) error {
	copts := configure.Options{CC: env.CC, CFlags: env.CFlags, Verbose: opts.Log}
	if copts.CC == "" {
		copts.CC = "cc"
	}
	if copts.CFlags == nil {
		copts.CFlags = configure.DefaultCFlags()
	}
	dir := ""
	if opts.CacheDir != "" {
		copts.CacheDir = filepath.Join(opts.CacheDir, "configure")
		dir = filepath.Join(opts.CacheDir, "config")
	} else {
		var err error
		if dir, err = os.MkdirTemp("", "ccan-config-"); err != nil {
			return err
		}
	}
	cfg, err := configure.Run(ctx, copts)
	if err != nil {
		return fmt.Errorf("generating config.h: %w", err)
	}
	hdr := cfg.Header()
	sub := filepath.Join(dir, shortHash(hdr))
	if err := os.MkdirAll(sub, 0o755); err != nil {
		return err
	}
	path := filepath.Join(sub, "config.h")
	if _, err := os.Stat(path); err != nil {
		if err := writeAtomic(path, hdr); err != nil {
			return err
		}
	}
	env.CC, env.CFlags = copts.CC, copts.CFlags
	env.ConfigH, env.ConfigDir, env.Generated = path, sub, true
	return nil
}

// Querier returns a compiling _info Querier for this environment.
func (env *Env) Querier() *module.Compiler {
	c := &module.Compiler{CC: env.CC, CFlags: env.CFlags, CacheDir: env.CacheDir}
	if env.Generated {
		c.IncludeDirs = []string{env.ConfigDir}
	}
	return c
}

// SplitFlags splits a flag string as a shell would for simple quoting.
func SplitFlags(s string) []string {
	var out []string
	var cur strings.Builder
	inTok := false
	var quote rune
	for _, r := range s {
		switch {
		case quote != 0:
			if r == quote {
				quote = 0
			} else {
				cur.WriteRune(r)
			}
		case r == '\'' || r == '"':
			quote, inTok = r, true
		case r == ' ' || r == '\t' || r == '\n':
			if inTok {
				out = append(out, cur.String())
				cur.Reset()
				inTok = false
			}
		default:
			cur.WriteRune(r)
			inTok = true
		}
	}
	if inTok {
		out = append(out, cur.String())
	}
	return out
}
