package module_test

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/ccan-archive/ccan/internal/buildenv"
	"github.com/ccan-archive/ccan/internal/module"
	"github.com/google/go-cmp/cmp"
)

// TestUpstreamDepends compares Deps with the original ccan_depends tool
// over a whole original CCAN tree, for every module, with and without
// --direct and --tests, in both safe and compiled mode. It runs only when
// CCAN_UPSTREAM_TREE names a checkout of the original tree whose
// tools/ccan_depends and config.h have been built (never part of this
// repository).
func TestUpstreamDepends(t *testing.T) {
	dir := os.Getenv("CCAN_UPSTREAM_TREE")
	if dir == "" {
		t.Skip("CCAN_UPSTREAM_TREE not set")
	}
	tool := filepath.Join(dir, "tools", "ccan_depends")
	if _, err := os.Stat(tool); err != nil {
		t.Skipf("original ccan_depends not built: %v", err)
	}
	tree, err := module.FindTree(dir)
	if err != nil {
		t.Fatal(err)
	}
	names, err := tree.Modules()
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	env, err := buildenv.ForTree(ctx, tree, buildenv.Options{CacheDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	queriers := map[bool]module.Querier{
		false: module.SafeQuerier{},
		true:  &module.Memo{Q: env.Querier()},
	}
	compared := 0
	for _, name := range names {
		for _, compile := range []bool{false, true} {
			for _, direct := range []bool{false, true} {
				for _, tests := range []bool{false, true} {
					args := []string{}
					opts := module.DepsOptions{Style: module.Depends, Direct: direct}
					if direct {
						args = append(args, "--direct")
					}
					if compile {
						args = append(args, "--compile")
					}
					if tests {
						args = append(args, "--tests")
						opts.Style = module.TestDepends
					}
					args = append(args, filepath.Join(tree.Dir, "ccan", name))
					want := runOriginal(t, tool, args)
					got, err := module.Deps(ctx, queriers[compile], tree, name, opts)
					if err != nil {
						t.Errorf("%s %v: %v", name, args[:len(args)-1], err)
						continue
					}
					var gotCCAN []string
					for _, d := range got {
						if strings.HasPrefix(d, "ccan/") {
							gotCCAN = append(gotCCAN, d)
						}
					}
					sort.Strings(gotCCAN)
					if diff := cmp.Diff(want, gotCCAN); diff != "" {
						t.Errorf("%s %v mismatch (-original +ours):\n%s", name, args[:len(args)-1], diff)
					}
					compared++
				}
			}
		}
	}
	t.Logf("compared %d (module, mode) pairs over %d modules", compared, len(names))
}

func runOriginal(t *testing.T, tool string, args []string) []string {
	t.Helper()
	var out bytes.Buffer
	cmd := exec.Command(tool, args...)
	cmd.Stdout = &out
	if err := cmd.Run(); err != nil {
		t.Logf("original %v: %v", args, err)
	}
	seen := map[string]bool{}
	var lines []string
	for _, l := range strings.Split(strings.TrimSpace(out.String()), "\n") {
		if l != "" && !seen[l] {
			seen[l] = true
			lines = append(lines, l)
		}
	}
	sort.Strings(lines)
	return lines
}

// TestUpstreamLoad loads and describes every module of an original CCAN
// tree (CCAN_UPSTREAM_TREE) in safe mode: none may fail or warn.
func TestUpstreamLoad(t *testing.T) {
	dir := os.Getenv("CCAN_UPSTREAM_TREE")
	if dir == "" {
		t.Skip("CCAN_UPSTREAM_TREE not set")
	}
	tree, err := module.FindTree(dir)
	if err != nil {
		t.Fatal(err)
	}
	names, err := tree.Modules()
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range names {
		m, err := tree.Load(name)
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		in, err := module.Describe(context.Background(), m, module.SafeQuerier{})
		if err != nil || len(in.Warnings) > 0 || in.Summary == "" {
			t.Errorf("%s: describe: %v %v (summary %q)", name, err, in.Warnings, in.Summary)
		}
	}
	t.Logf("loaded %d modules", len(names))
}
