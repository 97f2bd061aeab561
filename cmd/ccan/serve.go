package main

import (
	"context"

	"github.com/ccan-archive/ccan/internal/cli"
)

var cmdServe = &cli.Command{
	UsageLine: "serve [--data DIR] [--addr HOST:PORT]",
	Short:     "run the archive web site",
	Run:       func(ctx context.Context, env *cli.Env, args []string) error { return nil },
}
