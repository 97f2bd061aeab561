// Command lintbench measures ccan lint over a whole CCAN tree, cold (empty
// build cache) and warm (same cache, unchanged tree), and prints:
//
//   - wall time of each run;
//   - the summed wall time of the processes lint had to run (compilers,
//     valgrind, tests): the floor a perfect scheduler on N cores could
//     approach is that sum divided by N;
//   - the overhead ratio wall / (process time / jobs), where 1.0 means the
//     cores were never idle and lint itself cost nothing;
//   - the warm speed-up (cold wall / warm wall);
//   - with -cpu, the user+system CPU time of those processes by kind
//     (compiles, links, valgrind runs, ...), of the processes run
//     outside the build cache (_info programs, configure probes, tool
//     probes) and of lint itself.
//
// Usage:
//
//	go run ./bench/lintbench [-j N] [-tree DIR] [-x KEY]... [-cpu] [-cold-only] [MODULE...]
//
// Run "go run ./bench/lintbench -h" for the flags that trace processes,
// profile lint itself or keep the cache for warm-run profiling.
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
	"runtime/pprof"
	"sort"
	"strings"
	"sync"
	"syscall"
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
	cpu := flag.Bool("cpu", false, "print CPU time by kind of process")
	coldOnly := flag.Bool("cold-only", false, "skip the warm run")
	trace := flag.String("trace", "", "write one line per process run (kind, cpu, wall, exit, command, start) to `FILE`")
	cpuprofile := flag.String("cpuprofile", "", "write lint's own CPU profile to `FILE`")
	out := flag.String("out", "", "write the cold run's results, as ccan lint prints them, to `FILE`")
	verbose := flag.Int("v", 2, "verbosity of -out (as ccan lint -v)")
	cache := flag.String("cache", "", "use (and keep) this cache `DIR` instead of a new one")
	warmOnly := flag.Bool("warm-only", false, "only lint once, with -cache as it is (for profiling warm runs)")
	flag.Parse()
	if *warmOnly && *cache == "" {
		fmt.Fprintln(os.Stderr, "lintbench: -warm-only needs -cache")
		os.Exit(2)
	}
	o := opts{jobs: *jobs, excl: excl, cpu: *cpu, out: *out, verbose: *verbose, cache: *cache, warmOnly: *warmOnly}
	if *trace != "" {
		f, err := os.Create(*trace)
		if err != nil {
			fmt.Fprintln(os.Stderr, "lintbench:", err)
			os.Exit(1)
		}
		defer f.Close()
		var mu sync.Mutex
		t0 := time.Now()
		o.trace = func(a *build.Action, r *build.Result) {
			if r.Cached {
				return
			}
			mu.Lock()
			defer mu.Unlock()
			end := time.Since(t0)
			fmt.Fprintf(f, "%s\t%.3f\t%.3f\t%d\t%s\t%.3f\n", a.Kind, r.CPU.Seconds(), r.Elapsed.Seconds(), r.Exit,
				strings.Join(a.Args, " "), (end - r.Elapsed).Seconds())
		}
	}
	if *cpuprofile != "" {
		f, err := os.Create(*cpuprofile)
		if err == nil {
			err = pprof.StartCPUProfile(f)
		}
		if err != nil {
			fmt.Fprintln(os.Stderr, "lintbench:", err)
			os.Exit(1)
		}
		defer pprof.StopCPUProfile()
	}
	if err := run(*treeDir, o, *coldOnly, flag.Args()); err != nil {
		fmt.Fprintln(os.Stderr, "lintbench:", err)
		pprof.StopCPUProfile()
		os.Exit(1)
	}
}

type opts struct {
	jobs     int
	excl     []string
	cpu      bool
	trace    func(*build.Action, *build.Result)
	out      string // results file of the cold run ("" = none)
	verbose  int
	cache    string // cache root to use and keep ("" = a new temporary one)
	warmOnly bool
}

func run(treeDir string, o opts, coldOnly bool, names []string) error {
	jobs := o.jobs
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
	cacheDir := o.cache
	if cacheDir == "" {
		if cacheDir, err = os.MkdirTemp("", "lintbench-cache-"); err != nil {
			return err
		}
		defer os.RemoveAll(cacheDir)
	}
	fmt.Printf("lintbench: %d modules of %s, -j %d, %d CPUs\n", len(mods), tree.Dir, jobs, runtime.NumCPU())
	if o.warmOnly {
		_, err := once("warm", tree, mods, cacheDir, o)
		return err
	}
	cold, err := once("cold", tree, mods, cacheDir, o)
	if err != nil || coldOnly {
		return err
	}
	o.out = ""
	warm, err := once("warm", tree, mods, cacheDir, o)
	if err != nil {
		return err
	}
	fmt.Printf("warm speed-up: %.1fx (cold %v / warm %v)\n", cold.Seconds()/warm.Seconds(),
		cold.Round(time.Millisecond), warm.Round(time.Millisecond))
	return nil
}

func once(label string, tree *module.Tree, mods []*module.Module, cacheDir string, o opts) (time.Duration, error) {
	jobs, excl := o.jobs, o.excl
	ctx := context.Background()
	before := rusage()
	work, err := os.MkdirTemp("", "lintbench-work-")
	if err != nil {
		return 0, err
	}
	defer os.RemoveAll(work)
	b := build.NewBuilder(&build.Cache{Dir: filepath.Join(cacheDir, "build")}, jobs)
	b.Trace = o.trace
	setup := lint.Setup{CacheDir: cacheDir, Work: work, Excluded: map[string]bool{}, Verbose: o.verbose}
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
	if o.out != "" {
		f, err := os.Create(o.out)
		if err != nil {
			return 0, err
		}
		for _, r := range results {
			driver.PrintText(f, r, o.verbose, true)
		}
		if err := f.Close(); err != nil {
			return 0, err
		}
	}
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
	if o.cpu {
		printCPU(s, before, rusage())
	}
	return wall, nil
}

// usage is CPU time (user+system) of this process and of its waited-for
// children.
type usage struct{ self, children time.Duration }

func rusage() usage {
	var self, ch syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &self)
	syscall.Getrusage(syscall.RUSAGE_CHILDREN, &ch)
	tv := func(r *syscall.Rusage) time.Duration {
		return time.Duration(r.Utime.Nano() + r.Stime.Nano())
	}
	return usage{tv(&self), tv(&ch)}
}

func printCPU(s *build.Stats, before, after usage) {
	kinds := s.ByKind()
	names := make([]string, 0, len(kinds))
	for k := range kinds {
		names = append(names, k)
	}
	sort.Slice(names, func(i, j int) bool { return kinds[names[i]].CPU > kinds[names[j]].CPU })
	fmt.Printf("  %-26s %6s %10s %10s\n", "process kind", "count", "cpu", "wall")
	for _, k := range names {
		v := kinds[k]
		fmt.Printf("  %-26s %6d %10.1fs %10.1fs\n", k, v.Processes, v.CPU.Seconds(), v.Wall.Seconds())
	}
	builder := time.Duration(s.ProcessCPU.Load())
	children := after.children - before.children
	fmt.Printf("  %-26s %6s %10.1fs\n", "(build total)", "", builder.Seconds())
	fmt.Printf("  %-26s %6s %10.1fs\n", "(outside build: _info,", "", (children - builder).Seconds())
	fmt.Printf("  %-26s %6s %10s\n", " configure, probes)", "", "")
	fmt.Printf("  %-26s %6s %10.1fs\n", "(lint itself)", "", (after.self - before.self).Seconds())
	fmt.Printf("  %-26s %6s %10.1fs\n", "(all)", "", (children + after.self - before.self).Seconds())
}
