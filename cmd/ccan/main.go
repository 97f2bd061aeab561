// Command ccan is the C Code Archive Network tool: it reads CCAN module
// trees, writes config.h, reports module information and dependencies,
// extracts documentation and creates new modules.
//
// Run "ccan help" for the list of commands.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"

	"github.com/ccan-archive/ccan/internal/cli"
)

// app returns the command table, in the order "ccan help" shows it.
func app() *cli.App {
	return &cli.App{
		Name: "ccan",
		Commands: []*cli.Command{
			cmdLint,
			cmdInfo,
			cmdDepends,
			cmdDoc,
			cmdConfigure,
			cmdNew,
			cmdGet,
			cmdUpdate,
			cmdRemove,
			cmdList,
			cmdVerify,
			cmdSearch,
			cmdPublish,
			cmdServe,
			cmdArchive,
		},
		Topics: []*cli.Topic{topicModules, topicInfo, topicCache},
	}
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := app().Main(ctx, cli.OSEnv(), os.Args[1:])
	stop()
	os.Exit(code)
}
