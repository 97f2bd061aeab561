package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/ccan-archive/ccan/internal/buildenv"
	"github.com/ccan-archive/ccan/internal/cli"
	"github.com/ccan-archive/ccan/internal/module"
)

// resolveModule finds the tree and name of a MODULE argument.
func resolveModule(env *cli.Env, arg string) (*module.Tree, string, error) {
	return module.Resolve(arg, env.Dir, func() (*module.Tree, error) {
		if dir := env.Getenv("CCAN_TREE"); dir != "" {
			return module.FindTree(dir)
		}
		return nil, module.ErrNoTree
	})
}

// buildFlags declares the flags shared by commands that may compile _info.
func buildFlags(fs *flag.FlagSet) {
	fs.Bool("safe", false, "never compile: scan _info as text (only depends/testdepends are known)")
	fs.String("compiler", "", "compiler to use instead of config.h's CCAN_COMPILER")
	fs.String("cflags", "", "compiler flags to use instead of config.h's CCAN_CFLAGS")
}

// querier returns the _info Querier the command's flags ask for.
func querier(ctx context.Context, env *cli.Env, t *module.Tree) (module.Querier, error) {
	if env.Bool("safe") {
		return module.SafeQuerier{}, nil
	}
	opts := buildenv.Options{CC: env.String("compiler"), CacheDir: buildenv.CacheDir(env.Getenv)}
	if f := env.String("cflags"); f != "" {
		opts.CFlags = buildenv.SplitFlags(f)
	}
	be, err := buildenv.ForTree(ctx, t, opts)
	if err != nil {
		return nil, err
	}
	return &module.Memo{Q: be.Querier()}, nil
}

// queriers caches one Querier per tree for commands taking many modules.
type queriers struct {
	ctx context.Context
	env *cli.Env
	m   map[string]module.Querier
}

func (q *queriers) get(t *module.Tree) (module.Querier, error) {
	if qq, ok := q.m[t.Dir]; ok {
		return qq, nil
	}
	qq, err := querier(q.ctx, q.env, t)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", t.Dir, err)
	}
	if q.m == nil {
		q.m = make(map[string]module.Querier)
	}
	q.m[t.Dir] = qq
	return qq, nil
}

// relPath resolves a relative path argument against the command's working
// directory (which differs from the process's only in tests).
func relPath(env *cli.Env, p string) string {
	if filepath.IsAbs(p) || env.Dir == "" {
		return p
	}
	if wd, err := os.Getwd(); err == nil && wd == env.Dir {
		return p
	}
	return filepath.Join(env.Dir, p)
}
