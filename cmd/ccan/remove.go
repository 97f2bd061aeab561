package main

import (
	"context"
	"flag"
	"fmt"
	"sort"
	"strings"

	"github.com/ccan-archive/ccan/internal/cli"
	"github.com/ccan-archive/ccan/internal/fetch"
	"github.com/ccan-archive/ccan/internal/project"
)

var cmdRemove = &cli.Command{
	UsageLine: "remove [--force] [--dry-run] [--json] NAME...",
	Short:     "remove vendored modules no other module needs",
	Long: `
Remove deletes each module NAME from the project (its directory under
ccan/ and its entry in ccan.lock), then every module that was only there
as a dependency and that nothing needs any more, and license texts no
module links to.

It refuses while another vendored module depends on NAME (remove that
one too, or first). A module with local edits is not deleted unless
--force; --dry-run shows what would go.
`,
	SetFlags: func(fs *flag.FlagSet) {
		archiveFlag(fs)
		fs.Bool("force", false, "delete modules even when they have local edits")
		fs.Bool("dry-run", false, "show what would be removed, change nothing")
		fs.Bool("json", false, "print the changes as JSON")
	},
	Run: runRemove,
}

func runRemove(ctx context.Context, env *cli.Env, args []string) error {
	if len(args) == 0 {
		return cli.UsageErrorf("need at least one NAME")
	}
	s, err := newSession(env)
	if err != nil {
		return err
	}
	gone := map[string]bool{}
	for _, a := range args {
		w, err := fetch.ParseWant(a)
		if err != nil || w.Version != "" {
			return cli.UsageErrorf("%q: want a module NAME", a)
		}
		if s.old.Module(w.Name) == nil {
			return fmt.Errorf("ccan/%s is not in %s", w.Name, project.LockFile)
		}
		gone[w.Name] = true
	}
	var refusals []string
	for n := range gone {
		if deps := project.Dependents(s.old, n, gone); len(deps) > 0 {
			refusals = append(refusals, fmt.Sprintf("ccan/%s is needed by ccan/%s", n, strings.Join(deps, ", ccan/")))
		}
	}
	if len(refusals) > 0 {
		sort.Strings(refusals)
		return fmt.Errorf("not removing anything: %s", strings.Join(refusals, "; "))
	}
	nw := s.old.Clone()
	for n := range gone {
		nw.Delete(n)
	}
	project.Prune(nw)
	s.lic = "" // removing cannot break the license rules
	s.noConfigure = true
	return s.apply(ctx, nw, nil, false)
}
