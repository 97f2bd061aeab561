package main

import (
	"context"
	"flag"
	"fmt"

	"github.com/ccan-archive/ccan/internal/cli"
	"github.com/ccan-archive/ccan/internal/project"
)

var cmdVerify = &cli.Command{
	UsageLine: "verify [--json]",
	Short:     "check the vendored files against ccan.lock, file by file",
	Long: `
Verify compares every file of the vendored modules with the sha256 that
ccan.lock records, and reports each difference (drift) on a line of its
own:

	modified  ccan/list/list.c  (ccan/list 1.0)
	missing   ccan/list/list.h  (ccan/list 1.0)
	added     ccan/list/mine.c  (ccan/list 1.0)

"added" is a file in a vendored module's directory that the lock does not
list (hidden files and build products such as *.o are ignored). It exits
1 when anything drifted, 0 when every file is as fetched. "ccan get"
without arguments restores the locked files.

With --json it prints {"modules", "files", "drift": [{"path", "module",
"kind"}]}.
`,
	SetFlags: func(fs *flag.FlagSet) {
		fs.Bool("json", false, "print JSON")
	},
	Run: runVerify,
}

func runVerify(ctx context.Context, env *cli.Env, args []string) error {
	if len(args) != 0 {
		return cli.UsageErrorf("verify takes no arguments")
	}
	l, exists, err := project.ReadLock(env.Dir)
	if err != nil {
		return err
	}
	if !exists {
		return fmt.Errorf("no %s in %s", project.LockFile, env.Dir)
	}
	drift, err := project.Verify(env.Dir, l)
	if err != nil {
		return err
	}
	files := map[string]bool{}
	for _, m := range l.Modules {
		for _, f := range m.Files {
			files[f.Path] = true
		}
	}
	if env.Bool("json") {
		if drift == nil {
			drift = []project.Drift{}
		}
		if err := writeJSON(env.Stdout, map[string]any{"modules": len(l.Modules), "files": len(files), "drift": drift}); err != nil {
			return err
		}
	} else {
		for _, d := range drift {
			fmt.Fprintf(env.Stdout, "%-9s %s  (ccan/%s %s)\n", d.Kind, d.Path, d.Module, l.Module(d.Module).Version)
		}
	}
	if len(drift) > 0 {
		return &cli.ExitError{Code: cli.ExitFailure, Err: fmt.Errorf("%d of %d files differ from %s", len(drift), len(files), project.LockFile)}
	}
	if !env.Bool("json") {
		fmt.Fprintf(env.Stdout, "%d modules, %d files: all as in %s\n", len(l.Modules), len(files), project.LockFile)
	}
	return nil
}
