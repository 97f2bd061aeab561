package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"strings"

	"github.com/ccan-archive/ccan/internal/cli"
	"github.com/ccan-archive/ccan/internal/module"
)

var cmdDepends = &cli.Command{
	UsageLine: "depends [--direct] [--tests] [--safe] [--non-ccan] MODULE",
	Short:     "print a module's dependencies",
	Long: `
Depends prints the dependencies of MODULE, one per line, with the
semantics of the original ccan_depends tool: recursive by default
(breadth first, each name once), only the module's own list with
--direct. --tests starts from the module's testdepends instead (the
dependencies of those are still their depends).

By default _info is compiled against config.h and run; --safe scans it as
text instead and compiles nothing (it can then only see ccan/ names).
By default only CCAN modules (ccan/...) are printed; --non-ccan prints
only the external dependencies instead (it needs compiling, so it cannot
be combined with --safe).

A dependency cycle is an error (exit 1), not a hang.
`,
	SetFlags: func(fs *flag.FlagSet) {
		fs.Bool("direct", false, "only the module's own dependencies, not recursively")
		fs.Bool("tests", false, "start from testdepends instead of depends")
		fs.Bool("non-ccan", false, "print only external (non-CCAN) dependencies")
		fs.Bool("json", false, "print a JSON array")
		buildFlags(fs)
	},
	Run: runDepends,
}

func runDepends(ctx context.Context, env *cli.Env, args []string) error {
	if len(args) != 1 {
		return cli.UsageErrorf("need exactly one MODULE")
	}
	nonCCAN := env.Bool("non-ccan")
	if nonCCAN && env.Bool("safe") {
		return cli.UsageErrorf("--non-ccan needs compiling; it cannot be combined with --safe")
	}
	t, name, err := resolveModule(env, args[0])
	if err != nil {
		return err
	}
	q, err := querier(ctx, env, t)
	if err != nil {
		return err
	}
	opts := module.DepsOptions{Style: module.Depends, Direct: env.Bool("direct")}
	if env.Bool("tests") {
		opts.Style = module.TestDepends
	}
	deps, err := module.Deps(ctx, q, t, name, opts)
	var cyc *module.CycleError
	if errors.As(err, &cyc) {
		return &cli.ExitError{Code: cli.ExitFailure, Err: fmt.Errorf("ccan/%s: %w", name, err)}
	}
	if err != nil {
		return err
	}
	var out []string
	for _, d := range deps {
		if strings.HasPrefix(d, "ccan/") != nonCCAN {
			out = append(out, d)
		}
	}
	if env.Bool("json") {
		if out == nil {
			out = []string{}
		}
		return writeJSON(env.Stdout, out)
	}
	for _, d := range out {
		fmt.Fprintln(env.Stdout, d)
	}
	return nil
}
