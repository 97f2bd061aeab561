package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/ccan-archive/ccan/internal/cli"
	"github.com/ccan-archive/ccan/internal/fetch"
	"github.com/ccan-archive/ccan/internal/module"
)

var cmdInfo = &cli.Command{
	UsageLine: "info [--json] [--safe] [--remote [--archive URL]] MODULE...",
	Short:     "describe modules: summary, docs, license, dependencies, files",
	Long: `
Info prints what is known about each MODULE: its summary, description and
example from _info, license, authors and maintainers, direct and recursive
dependencies, test dependencies, libraries, and its files by kind.

With --json it prints a JSON array with one object per module (see
docs/api.md for the fields). With --safe, _info is scanned as text and
nothing is compiled; libraries are then unknown (null).

With --remote, each MODULE (NAME or NAME@VERSION) is described by the
archive instead of a local tree (see "ccan help get" for how the archive
is chosen); a static export describes only the newest version.
`,
	SetFlags: func(fs *flag.FlagSet) {
		fs.Bool("json", false, "print JSON")
		buildFlags(fs)
		fs.Bool("remote", false, "describe the modules as the archive has them")
		archiveFlag(fs)
	},
	Run: runInfo,
}

func runInfo(ctx context.Context, env *cli.Env, args []string) error {
	if len(args) == 0 {
		return cli.UsageErrorf("need at least one MODULE")
	}
	qs := &queriers{ctx: ctx, env: env}
	var infos []*module.Info
	failed := false
	describe := describe
	if env.Bool("remote") {
		src, err := openArchive(env, nil)
		if err != nil {
			return err
		}
		describe = func(ctx context.Context, _ *queriers, _ *cli.Env, arg string) (*module.Info, error) {
			w, err := fetch.ParseWant(arg)
			if err != nil {
				return nil, err
			}
			return src.Describe(ctx, w.Name, w.Version)
		}
	}
	for _, arg := range args {
		in, err := describe(ctx, qs, env, arg)
		if err != nil {
			fmt.Fprintf(env.Stderr, "ccan info: %v\n", err)
			failed = true
			continue
		}
		infos = append(infos, in)
	}
	if env.Bool("json") {
		if infos == nil {
			infos = []*module.Info{}
		}
		if err := writeJSON(env.Stdout, infos); err != nil {
			return err
		}
	} else {
		for i, in := range infos {
			if i > 0 {
				fmt.Fprintln(env.Stdout)
			}
			printInfo(env.Stdout, in)
		}
	}
	if failed {
		return &cli.ExitError{Code: cli.ExitFailure}
	}
	return nil
}

func describe(ctx context.Context, qs *queriers, env *cli.Env, arg string) (*module.Info, error) {
	t, name, err := resolveModule(env, arg)
	if err != nil {
		return nil, err
	}
	m, err := t.Load(name)
	if err != nil {
		return nil, err
	}
	q, err := qs.get(t)
	if err != nil {
		return nil, err
	}
	return module.Describe(ctx, m, q)
}

func printInfo(w io.Writer, in *module.Info) {
	fmt.Fprintf(w, "ccan/%s - %s\n\n", in.Name, in.Summary)
	row := func(label string, vals []string) {
		v := strings.Join(vals, ", ")
		if v == "" {
			v = "(none)"
		}
		fmt.Fprintf(w, "  %-13s %s\n", label+":", v)
	}
	row("license", []string{in.License})
	row("authors", in.Authors)
	if len(in.Maintainers) > 0 {
		row("maintainers", in.Maintainers)
	}
	if in.Version != "" {
		row("version", []string{in.Version})
	}
	row("depends", in.Depends)
	row("all depends", in.AllDepends)
	row("testdepends", in.TestDepends)
	if in.Libs != nil {
		row("libs", in.Libs)
	}
	if len(in.SeeAlso) > 0 {
		row("see also", in.SeeAlso)
	}
	fmt.Fprintln(w, "  files:")
	for _, k := range []string{"info", "source", "header", "run_test", "api_test", "compile_ok_test",
		"compile_fail_test", "test_helper", "test_other", "other"} {
		if fs := in.Files[k]; len(fs) > 0 {
			fmt.Fprintf(w, "    %-18s %s\n", k+":", strings.Join(fs, " "))
		}
	}
	if in.Description != "" {
		fmt.Fprintf(w, "\n%s\n", indent(in.Description, "  "))
	}
	if in.Example != "" {
		fmt.Fprintf(w, "\n  Example:\n%s\n", indent(in.Example, "    "))
	}
	for _, wn := range in.Warnings {
		fmt.Fprintf(w, "\n  warning: %s\n", wn)
	}
}

func indent(s, prefix string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		if l != "" {
			lines[i] = prefix + l
		}
	}
	return strings.Join(lines, "\n")
}

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}
