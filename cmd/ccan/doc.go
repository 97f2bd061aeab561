package main

import (
	"context"
	"flag"

	"github.com/ccan-archive/ccan/internal/cli"
	"github.com/ccan-archive/ccan/internal/doc"
)

var cmdDoc = &cli.Command{
	UsageLine: "doc [--function NAME] FIELD FILE...",
	Short:     "extract documentation sections from _info and headers",
	Long: `
Doc prints documentation sections from the /** ... */ comments of each
FILE, exactly as the original doc_extract tool does.

FIELD is "functions" (every documented name, in order), "all" (every
section as "type:" followed by its lines), or a section type such as
summary, description, example, license, author, maintainer, see_also
(non-alphanumeric characters match each other: see_also = "see also").
--function restricts the output to the sections of one documented name.

The exit status is 1 if a file cannot be read or has no doc sections.
`,
	SetFlags: func(fs *flag.FlagSet) {
		fs.String("function", "", "only sections documenting `NAME`")
	},
	Run: func(ctx context.Context, env *cli.Env, args []string) error {
		if len(args) < 2 {
			return cli.UsageErrorf("need a FIELD and at least one FILE")
		}
		files := make([]string, len(args)-1)
		for i, f := range args[1:] {
			files[i] = relPath(env, f)
		}
		if err := doc.Extract(env.Stdout, env.Stderr, args[0], env.String("function"), files); err != nil {
			return &cli.ExitError{Code: cli.ExitFailure, Err: err}
		}
		return nil
	},
}
