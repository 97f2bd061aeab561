package main

import (
	"context"
	"flag"
	"fmt"
	"strings"

	"github.com/ccan-archive/ccan/internal/cli"
	"github.com/ccan-archive/ccan/internal/fetch"
)

var cmdSearch = &cli.Command{
	UsageLine: "search [--archive URL] [--limit N] [--json] TERM...",
	Short:     "search the archive's modules",
	Long: `
Search looks for modules matching the TERMs in the archive (see "ccan
help get" for how the archive is chosen) and prints one line per module,
best match first: name, newest version, license and summary.

Against "ccan serve" it uses the ranked search of /api/search (names,
summaries, descriptions, examples and function names). A static export
or a CCAN tree has no search engine: there a module matches when every
TERM occurs in its name or summary.

--limit caps the results (default 20); --json prints an array of
{"name", "version", "summary", "license"}.
`,
	SetFlags: func(fs *flag.FlagSet) {
		archiveFlag(fs)
		fs.Int("limit", 20, "at most this many results (1..100)")
		fs.Bool("json", false, "print JSON")
	},
	Run: runSearch,
}

func runSearch(ctx context.Context, env *cli.Env, args []string) error {
	if len(args) == 0 {
		return cli.UsageErrorf("need a search TERM")
	}
	limit := env.Int("limit")
	if limit < 1 || limit > 100 {
		return cli.UsageErrorf("--limit must be 1..100")
	}
	src, err := openArchive(env, nil)
	if err != nil {
		return err
	}
	res, err := src.Search(ctx, strings.Join(args, " "), limit)
	if err != nil {
		return err
	}
	if env.Bool("json") {
		if res == nil {
			res = []*fetch.Summary{}
		}
		return writeJSON(env.Stdout, res)
	}
	if len(res) == 0 {
		return &cli.ExitError{Code: cli.ExitFailure, Err: fmt.Errorf("no module in %s matches %q", src, strings.Join(args, " "))}
	}
	for _, r := range res {
		fmt.Fprintf(env.Stdout, "ccan/%-20s %-28s %-22s %s\n", r.Name, r.Version, r.License, r.Summary)
	}
	return nil
}
