package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"time"

	"github.com/ccan-archive/ccan/internal/buildenv"
	"github.com/ccan-archive/ccan/internal/cli"
	"github.com/ccan-archive/ccan/internal/configure"
	"github.com/ccan-archive/ccan/internal/module"
)

var cmdConfigure = &cli.Command{
	UsageLine: "configure [-o FILE] [--cc CC] [-j N] [-v] [--no-cache] [--json] [CFLAGS...]",
	Short:     "probe the compiler and write config.h",
	Long: `
Configure compiles and runs the 72 feature probes of the original CCAN
configurator and writes config.h: CCAN_COMPILER and CCAN_CFLAGS (read back
by the other commands), then every HAVE_* symbol defined as 0 or 1, so
that code tests features with "#if HAVE_X" and -Wundef catches typos.

Probes are compiled in parallel (-j, default: number of CPUs) and the
results are cached per compiler (its path and version) and flags, so a
second run is instant (--no-cache to probe again).

Arguments after the options are the compiler flags to record and probe
with (default: the CCAN flag set, see below). Output goes to FILE (-o, "-"
for standard output); the default is config.h at the top of the CCAN tree
that contains the current directory, or ./config.h outside any tree.

Options:
	-o FILE      where to write config.h ("-" = standard output)
	--cc CC      compiler to probe (default "cc")
	-j N         parallel probes
	-v           print each probe's result
	--no-cache   ignore and do not update the cache
	--json       print the results as JSON instead of writing a file
`,
	RawArgs: true,
	Run:     runConfigure,
}

type configureArgs struct {
	out     string
	opts    configure.Options
	noCache bool
	json    bool
}

func parseConfigureArgs(args []string) (*configureArgs, error) {
	ca := &configureArgs{opts: configure.Options{CC: "cc", Jobs: runtime.NumCPU()}}
	var cflags []string
	for i := 0; i < len(args); i++ {
		a := args[i]
		name, val, hasVal := strings.Cut(a, "=")
		value := func() (string, error) {
			if hasVal {
				return val, nil
			}
			if i+1 >= len(args) {
				return "", cli.UsageErrorf("%s needs a value", a)
			}
			i++
			return args[i], nil
		}
		var err error
		switch name {
		case "-o", "--output":
			ca.out, err = value()
		case "--cc", "-cc":
			ca.opts.CC, err = value()
		case "-j":
			var v string
			if v, err = value(); err == nil {
				if ca.opts.Jobs, err = strconv.Atoi(v); err != nil || ca.opts.Jobs < 1 {
					err = cli.UsageErrorf("-j needs a positive number, not %q", v)
				}
			}
		case "-v", "--verbose":
			ca.opts.Verbose = os.Stderr
		case "--no-cache":
			ca.noCache = true
		case "--json":
			ca.json = true
		case "-h", "--help", "-help":
			return nil, flag.ErrHelp
		case "--":
			cflags = append(cflags, args[i+1:]...)
			i = len(args)
		default:
			cflags = append(cflags, a)
		}
		if err != nil {
			return nil, err
		}
	}
	if cflags != nil {
		ca.opts.CFlags = cflags
	} else {
		ca.opts.CFlags = configure.DefaultCFlags()
	}
	return ca, nil
}

func runConfigure(ctx context.Context, env *cli.Env, args []string) error {
	ca, err := parseConfigureArgs(args)
	if err != nil {
		return err
	}
	if ca.opts.Verbose != nil {
		ca.opts.Verbose = env.Stderr
	}
	if !ca.noCache {
		ca.opts.CacheDir = filepath.Join(buildenv.CacheDir(env.Getenv), "configure")
	}
	start := time.Now()
	cfg, err := configure.Run(ctx, ca.opts)
	if err != nil {
		return err
	}
	if ca.json {
		return writeJSON(env.Stdout, cfg)
	}
	out := ca.out
	if out == "" {
		out = filepath.Join(env.Dir, "config.h")
		if t, err := module.FindTree(env.Dir); err == nil {
			out = t.ConfigH()
		}
	}
	if out != "-" {
		out = relPath(env, out)
	}
	if out == "-" {
		_, err := env.Stdout.Write(cfg.Header())
		return err
	}
	if err := os.WriteFile(out, cfg.Header(), 0o644); err != nil {
		return err
	}
	yes := 0
	for _, v := range cfg.Values {
		if v.Value {
			yes++
		}
	}
	how := ""
	if cfg.Cached {
		how = ", from cache"
	}
	fmt.Fprintf(env.Stderr, "wrote %s: %d features probed, %d present, %d absent (%v%s)\n",
		out, len(cfg.Values), yes, len(cfg.Values)-yes, time.Since(start).Round(time.Millisecond), how)
	return nil
}
