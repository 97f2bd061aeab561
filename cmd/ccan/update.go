package main

import (
	"context"
	"flag"
	"fmt"
	"strings"

	"github.com/ccan-archive/ccan/internal/cli"
	"github.com/ccan-archive/ccan/internal/fetch"
	"github.com/ccan-archive/ccan/internal/project"
)

var cmdUpdate = &cli.Command{
	UsageLine: "update [--archive URL] [--allow-license-mismatch] [--force] [--no-configure] [--dry-run] [--json] [NAME...]",
	Short:     "move vendored modules to their newest versions and show what changed",
	Long: `
Update moves each module NAME of ccan.lock, and the modules it depends
on, to the newest version the archive has that is not yanked; with no
NAME it moves every module. Other modules keep their locked versions.
Modules no longer needed are removed, new dependencies are added.

It prints one line per module that changed ("~ ccan/list 1.0 -> 1.1")
followed by its files that were modified (M), added (A) or deleted (D);
--dry-run prints the same and changes nothing.

Everything else works as in "ccan get": the archive, the license check
against ccan.lock's license, verified downloads, staged atomic writes,
--force to overwrite local edits.
`,
	SetFlags: func(fs *flag.FlagSet) { syncFlags(fs) },
	Run:      runUpdate,
}

func runUpdate(ctx context.Context, env *cli.Env, args []string) error {
	s, err := newSession(env)
	if err != nil {
		return err
	}
	if !s.hasLock {
		return cli.UsageErrorf("no %s in %s: use ccan get NAME first", project.LockFile, s.dir)
	}
	free := map[string]bool{}
	for _, a := range args {
		w, err := fetch.ParseWant(a)
		if err != nil || w.Version != "" {
			return cli.UsageErrorf("%q: want a module NAME (to move to a given version use ccan get NAME@VERSION)", a)
		}
		if s.old.Module(w.Name) == nil {
			return cli.UsageErrorf("ccan/%s is not in %s", w.Name, project.LockFile)
		}
		free[w.Name] = true
	}
	if len(args) == 0 {
		for _, m := range s.old.Modules {
			free[m.Name] = true
		}
	}
	closure(s.old, free)
	wants := map[string]fetch.Want{}
	for _, m := range s.old.Modules {
		if m.Direct {
			wants[m.Name] = fetch.Want{Name: m.Name}
		}
	}
	return s.sync(ctx, wants, s.pins(free))
}

// closure adds to set the locked dependencies of its modules, recursively.
func closure(l *project.Lock, set map[string]bool) {
	var stack []string
	for n := range set {
		stack = append(stack, n)
	}
	for len(stack) > 0 {
		n := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		m := l.Module(n)
		if m == nil {
			continue
		}
		for _, d := range m.Deps {
			d = strings.TrimPrefix(d, "ccan/")
			if !set[d] {
				set[d] = true
				stack = append(stack, d)
			}
		}
	}
}

// change is one module's change between two locks.
type change struct {
	Module string   `json:"module"`
	Old    string   `json:"old,omitempty"` // version; "" = added
	New    string   `json:"new,omitempty"` // version; "" = removed
	Files  []string `json:"files,omitempty"`
	// License of the new version (or the old, when removed).
	License string `json:"license"`
}

// diffLocks lists the modules added, removed or changed, by name; a
// changed module lists its files as "M path", "A path", "D path".
func diffLocks(old, nw *project.Lock) []change {
	var out []change
	for _, m := range nw.Modules {
		om := old.Module(m.Name)
		switch {
		case om == nil:
			out = append(out, change{Module: m.Name, New: m.Version, License: m.License})
		case om.Version != m.Version || om.Tarball.SHA256 != m.Tarball.SHA256:
			out = append(out, change{Module: m.Name, Old: om.Version, New: m.Version, License: m.License, Files: diffFiles(om.Files, m.Files)})
		}
	}
	for _, om := range old.Modules {
		if nw.Module(om.Name) == nil {
			out = append(out, change{Module: om.Name, Old: om.Version, License: om.License})
		}
	}
	return out
}

func diffFiles(old, nw []project.File) []string {
	om := map[string]project.File{}
	for _, f := range old {
		om[f.Path] = f
	}
	var out []string
	for _, f := range nw {
		o, ok := om[f.Path]
		switch {
		case !ok:
			out = append(out, "A "+f.Path)
		case o != f:
			out = append(out, "M "+f.Path)
		}
		delete(om, f.Path)
	}
	for _, f := range old {
		if _, ok := om[f.Path]; ok {
			out = append(out, "D "+f.Path)
		}
	}
	return out
}

func printChanges(env *cli.Env, changes []change, res *project.Result, dry bool) error {
	if optBool(env, "json") {
		out := struct {
			Changes   []change        `json:"changes"`
			Written   []string        `json:"written"`
			Discarded []project.Drift `json:"discarded"`
			DryRun    bool            `json:"dry_run"`
		}{Changes: changes, DryRun: dry, Written: []string{}, Discarded: []project.Drift{}}
		if out.Changes == nil {
			out.Changes = []change{}
		}
		if res != nil {
			out.Written = append(out.Written, res.Written...)
			out.Discarded = append(out.Discarded, res.Discarded...)
		}
		return writeJSON(env.Stdout, out)
	}
	for _, c := range changes {
		switch {
		case c.Old == "":
			fmt.Fprintf(env.Stdout, "+ ccan/%s %s (%s)\n", c.Module, c.New, c.License)
		case c.New == "":
			fmt.Fprintf(env.Stdout, "- ccan/%s %s\n", c.Module, c.Old)
		default:
			fmt.Fprintf(env.Stdout, "~ ccan/%s %s -> %s (%s)\n", c.Module, c.Old, c.New, c.License)
			for _, f := range c.Files {
				fmt.Fprintf(env.Stdout, "    %s\n", f)
			}
		}
	}
	if dry {
		if len(changes) == 0 {
			fmt.Fprintln(env.Stdout, "nothing to change")
		}
		return nil
	}
	for _, d := range res.Discarded {
		fmt.Fprintf(env.Stdout, "restored %s (was %s)\n", d.Path, d.Kind)
	}
	for _, w := range res.Written {
		if w == "config.h" {
			fmt.Fprintln(env.Stdout, "wrote config.h")
		}
	}
	if len(changes) == 0 && len(res.Discarded) == 0 {
		fmt.Fprintf(env.Stdout, "%s is up to date\n", project.LockFile)
	}
	return nil
}
