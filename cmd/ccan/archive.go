package main

import (
	"context"
	"flag"
	"fmt"

	"github.com/ccan-archive/ccan/internal/archive"
	"github.com/ccan-archive/ccan/internal/cli"
	"github.com/ccan-archive/ccan/internal/module"
)

var cmdArchive = &cli.Command{
	UsageLine: "archive import [--data DIR] [--no-lint] [-v] TREE",
	Short:     "manage the archive behind ccan serve: import a CCAN tree",
	Long: `
Archive import reads the CCAN tree TREE (a directory holding ccan/, or any
directory inside one) and adds every module to the archive in the data
directory: its description, files, dependencies, and tarballs of the
module alone and with all its dependencies; then a tarball of the whole
tree and each junkcode/ directory.

Dependencies come from a text scan of _info (as "ccan depends --safe"
does). Each new module version is then linted with every check of "ccan
lint" and its score and results are stored (--no-lint to skip; the build
cache makes re-imports cheap). Linting compiles and runs the tree's code:
import only trees you trust until uploads run in the sandbox. A module
whose content is unchanged since its last import is skipped; a changed one
gets a new version (its _info Version: section, else a date-based
version).

The data directory is --data, else $CCAN_DATA, else ./ccan-data; it
holds ccan.db (SQLite) and blobs/. "ccan serve" serves it.

With -v every imported module is logged.
`,
	SetFlags: func(fs *flag.FlagSet) {
		dataFlags(fs)
		fs.Bool("v", false, "log every imported module")
		fs.Bool("no-lint", false, "do not lint the imported modules")
	},
	Run: runArchive,
}

func runArchive(ctx context.Context, env *cli.Env, args []string) error {
	if len(args) != 2 || args[0] != "import" {
		return cli.UsageErrorf("want: archive import TREE")
	}
	t, err := module.FindTree(relPath(env, args[1]))
	if err != nil {
		return err
	}
	d, err := openData(ctx, dataDir(env))
	if err != nil {
		return err
	}
	defer d.Close()
	im := &archive.Importer{Store: d.Store, Blobs: d.Blobs, Log: logger(env, env.Bool("v"))}
	if !env.Bool("no-lint") {
		l, err := newArchiveLinter(env)
		if err != nil {
			return err
		}
		defer l.Close()
		im.Lint = l.Lint
	}
	rep, err := im.ImportTree(ctx, t)
	if err != nil {
		return err
	}
	printReport(env, t, d.Dir, rep)
	if len(rep.Failed) > 0 {
		return &cli.ExitError{Code: cli.ExitFailure}
	}
	return nil
}

func printReport(env *cli.Env, t *module.Tree, dir string, rep *archive.Report) {
	fmt.Fprintf(env.Stdout, "imported %s into %s: %d modules, %d new versions, %d unchanged, %d failed, %d junkcode, in %.1fs\n",
		t.Dir, dir, rep.Modules, len(rep.Added), rep.Unchanged, len(rep.Failed), rep.Junk, rep.Duration.Seconds())
	for _, f := range rep.Failed {
		fmt.Fprintf(env.Stderr, "ccan archive: %s: %v\n", f.Module, f.Err)
	}
}
