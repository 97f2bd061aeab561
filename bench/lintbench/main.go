// Command lintbench measures ccan lint over a whole CCAN tree, cold (empty
// build cache) and warm (same cache, unchanged tree), and prints:
//
//   - wall time of each run;
//   - the summed wall time of the processes lint had to run (compilers,
//     valgrind, tests): the floor a perfect scheduler on N cores could
//     approach is that sum divided by N;
//   - the overhead ratio wall / (process time / jobs), where 1.0 means the
//     cores were never idle and lint itself cost nothing;
//   - the warm speed-up (cold wall / warm wall).
//
// Usage:
//
//	go run ./bench/lintbench [-j N] [-tree DIR] [-x KEY]... [MODULE...]
//
// The default tree is the starter archive (modules/). Point -tree at any
// CCAN tree (e.g. a checkout of the original) to measure that.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"time"

	"github.com/ccan-archive/ccan/internal/build"
	"github.com/ccan-archive/ccan/internal/cli"
	"github.com/ccan-archive/ccan/internal/lint"
	"github.com/ccan-archive/ccan/internal/lint/driver"
	"github.com/ccan-archive/ccan/internal/lint/suite"
	"github.com/ccan-archive/ccan/internal/module"
)

func main() {
	jobs := flag.Int("j", runtime.NumCPU(), "parallel processes")
	treeDir := flag.String("tree", "modules", "CCAN tree to lint")
	var excl cli.StringsFlag
	flag.Var(&excl, "x", "exclude a check (repeatable)")
	flag.Parse()
	if err := run(*treeDir, *jobs, excl, flag.Args()); err != nil {
		fmt.Fprintln(os.Stderr, "lintbench:", err)
		os.Exit(1)
	}
}

func run(treeDir string, jobs int, excl []string, names []string) error {
	tree, err := module.FindTree(treeDir)
	if err != nil {
		return err
	}
	if len(names) == 0 {
		if names, err = tree.Modules(); err != nil {
			return err
		}
	}
	var mods []*module.Module
	for _, n := range names {
		m, err := tree.Load(strings.TrimPrefix(n, "ccan/"))
		if err != nil {
			return err
		}
		mods = append(mods, m)
	}
	cacheDir, err := os.MkdirTemp("", "lintbench-cache-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(cacheDir)
	fmt.Printf("lintbench: %d modules of %s, -j %d, %d CPUs\n", len(mods), tree.Dir, jobs, runtime.NumCPU())
	cold, err := once("cold", tree, mods, cacheDir, jobs, excl)
	if err != nil {
		return err
	}
	warm, err := once("warm", tree, mods, cacheDir, jobs, excl)
	if err != nil {
		return err
	}
	fmt.Printf("warm speed-up: %.1fx (cold %v / warm %v)\n", cold.Seconds()/warm.Seconds(),
		cold.Round(time.Millisecond), warm.Round(time.Millisecond))
	return nil
}

func once(label string, tree *module.Tree, mods []*module.Module, cacheDir string, jobs int, excl []string) (time.Duration, error) {
	ctx := context.Background()
	work, err := os.MkdirTemp("", "lintbench-work-")
	if err != nil {
		return 0, err
	}
	defer os.RemoveAll(work)
	b := build.NewBuilder(&build.Cache{Dir: filepath.Join(cacheDir, "build")}, jobs)
	setup := lint.Setup{CacheDir: cacheDir, Work: work, Excluded: map[string]bool{}}
	for _, x := range excl {
		setup.Excluded[x] = true
	}
	start := time.Now()
	cfg, err := lint.Prepare(ctx, tree, setup, b)
	if err != nil {
		return 0, err
	}
	checks := suite.Default()
	var kept []*lint.Check
	for _, c := range checks {
		drop := false
		for _, a := range append(lint.Ancestors(c, checks), c) {
			if setup.Excluded[a.Name] {
				drop = true
			}
		}
		if !drop {
			kept = append(kept, c)
		}
	}
	results := driver.Run(ctx, cfg, mods, driver.Options{Suite: kept, Jobs: 4 * jobs})
	wall := time.Since(start)
	passed, score, total := 0, 0, 0
	for _, r := range results {
		if r.Passed {
			passed++
		}
		score += r.Score
		total += r.Total
	}
	s := b.Stats()
	proc := time.Duration(s.ProcessTime.Load())
	floor := proc / time.Duration(jobs)
	ratio := 0.0
	if floor > 0 {
		ratio = wall.Seconds() / floor.Seconds()
	}
	fmt.Printf("%s: wall %v; %d processes, process time %v (floor on %d jobs %v); overhead ratio %.2f; %d cache hits; %d/%d modules pass, score %d/%d\n",
		label, wall.Round(time.Millisecond), s.Processes.Load(), proc.Round(time.Millisecond), jobs,
		floor.Round(time.Millisecond), ratio, s.CacheHits.Load(), passed, len(results), score, total)
	return wall, nil
}
