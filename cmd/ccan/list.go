package main

import (
	"context"
	"flag"
	"fmt"
	"strings"

	"github.com/ccan-archive/ccan/internal/cli"
	"github.com/ccan-archive/ccan/internal/project"
)

var cmdList = &cli.Command{
	UsageLine: "list [--json]",
	Short:     "list the vendored modules of ccan.lock",
	Long: `
List prints the modules ccan.lock records for the project in the current
directory: name, version and license, and whether each was asked for by
name or is there because other modules need it.

With --json it prints an array of {"name", "version", "license",
"direct", "deps", "needed_by", "files"} objects.
`,
	SetFlags: func(fs *flag.FlagSet) {
		fs.Bool("json", false, "print JSON")
	},
	Run: runList,
}

// listed is one module in list's JSON output.
type listed struct {
	Name     string   `json:"name"`
	Version  string   `json:"version"`
	License  string   `json:"license"`
	Direct   bool     `json:"direct"`
	Deps     []string `json:"deps"`
	NeededBy []string `json:"needed_by"`
	Files    int      `json:"files"`
}

func runList(ctx context.Context, env *cli.Env, args []string) error {
	if len(args) != 0 {
		return cli.UsageErrorf("list takes no arguments")
	}
	l, exists, err := project.ReadLock(env.Dir)
	if err != nil {
		return err
	}
	if !exists {
		return fmt.Errorf("no %s in %s (ccan get NAME creates it)", project.LockFile, env.Dir)
	}
	out := []listed{}
	for _, m := range l.Modules {
		needed := project.Dependents(l, m.Name, nil)
		if needed == nil {
			needed = []string{}
		}
		out = append(out, listed{Name: m.Name, Version: m.Version, License: m.License, Direct: m.Direct,
			Deps: m.Deps, NeededBy: needed, Files: len(m.Files)})
	}
	if env.Bool("json") {
		return writeJSON(env.Stdout, out)
	}
	for _, m := range out {
		why := "asked for"
		if !m.Direct {
			why = "needed by ccan/" + strings.Join(m.NeededBy, ", ccan/")
		}
		fmt.Fprintf(env.Stdout, "ccan/%-20s %-28s %-22s %s\n", m.Name, m.Version, m.License, why)
	}
	if l.License != "" {
		fmt.Fprintf(env.Stdout, "project license: %s\n", l.License)
	}
	return nil
}
