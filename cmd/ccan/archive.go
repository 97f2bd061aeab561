package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/ccan-archive/ccan/internal/archive"
	"github.com/ccan-archive/ccan/internal/cli"
	"github.com/ccan-archive/ccan/internal/export"
	"github.com/ccan-archive/ccan/internal/module"
	"github.com/ccan-archive/ccan/internal/server"
)

var cmdArchive = &cli.Command{
	UsageLine: "archive import [--data DIR] [--no-lint] [-v] TREE | archive export [--data DIR] [--base-url URL] DIR",
	Short:     "manage the archive behind ccan serve: import a CCAN tree, export a static mirror",
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

Archive export writes the whole archive of the data directory as static
files into DIR: every page, the JSON API answers, the package index
(index/config.json, index/NAME) and every tarball under download/, as
the site serves them (see docs/api.md for the layout). Any web server can
host DIR at the root of a site, and "ccan get --archive file://DIR" reads
it offline. Paths with a query (search) cannot be static: there "ccan
search" matches names and summaries instead. Without --base-url the
index points to downloads with a relative URL and feeds carry relative
links; with it (the URL the mirror will have) they are absolute. DIR must
be missing, empty or an earlier export, which is replaced at the end.
With -v it lists the paths that did not answer 200 (lint results of
modules never linted, for instance).
`,
	SetFlags: func(fs *flag.FlagSet) {
		dataFlags(fs)
		fs.Bool("v", false, "log every imported module")
		fs.Bool("no-lint", false, "do not lint the imported modules")
		fs.String("base-url", "", "export: the URL the mirror will be served at")
	},
	Run: runArchive,
}

func runArchive(ctx context.Context, env *cli.Env, args []string) error {
	if len(args) == 2 && args[0] == "export" {
		return runArchiveExport(ctx, env, args[1])
	}
	if len(args) != 2 || args[0] != "import" {
		return cli.UsageErrorf("want: archive import TREE, or archive export DIR")
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

// runArchiveExport writes the data directory's archive as static files
// by driving the site's handler over every page and file.
func runArchiveExport(ctx context.Context, env *cli.Env, dir string) error {
	if _, err := os.Stat(filepath.Join(dataDir(env), "ccan.db")); err != nil {
		return fmt.Errorf("no archive to export: %w (see --data)", err)
	}
	d, err := openData(ctx, dataDir(env))
	if err != nil {
		return err
	}
	defer d.Close()
	base := env.String("base-url")
	if base == "" {
		base = ".." // relative to /index/config.json: the mirror can live anywhere
	}
	srv, err := server.New(server.Config{Store: d.Store, Blobs: d.Blobs, Log: logger(env, false), BaseURL: base, CacheTTL: -1})
	if err != nil {
		return err
	}
	seeds, err := export.Seeds(ctx, d.Store)
	if err != nil {
		return err
	}
	start := time.Now()
	rep, err := export.Write(ctx, relPath(env, dir), export.Options{Handler: srv, Seeds: seeds})
	if err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "exported %s to %s: %d files, %.1f MiB, in %.1fs (%d paths not exportable)\n", d.Dir, dir, rep.Files,
		float64(rep.Bytes)/(1<<20), time.Since(start).Seconds(), len(rep.Missing))
	if env.Bool("v") {
		for _, p := range rep.Missing {
			fmt.Fprintf(env.Stderr, "not exported: %s\n", p)
		}
	}
	return nil
}
