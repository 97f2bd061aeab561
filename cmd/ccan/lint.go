package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/ccan-archive/ccan/internal/build"
	"github.com/ccan-archive/ccan/internal/buildenv"
	"github.com/ccan-archive/ccan/internal/cli"
	"github.com/ccan-archive/ccan/internal/lint"
	"github.com/ccan-archive/ccan/internal/lint/driver"
	"github.com/ccan-archive/ccan/internal/lint/suite"
	"github.com/ccan-archive/ccan/internal/module"
	"github.com/ccan-archive/ccan/internal/sandbox"
)

var cmdLint = &cli.Command{
	UsageLine: "lint [flags] [MODULE...]",
	Short:     "check modules' quality and score them (ccanlint)",
	Long: `
Lint runs the checks of the original ccanlint on each MODULE (default: the
current directory) and prints the same result lines and "Total score: S/T".
It exits 0 if every module passes, 1 if any fails, 2 on usage errors.

Modules are checked in parallel (-j), each dependency module is built
once per run, and every compile and test run goes through a
content-addressed cache in the user cache directory, so re-linting an
unchanged tree only hashes files (--no-cache to bypass it).

Verbosity follows ccanlint: by default only failures are shown; -v also
shows partial scores and skipped checks; -vv shows every check and all
messages.

"ccan lint --list" shows the checks in dependency order; "ccan help
lint-checks" describes them.

--sandbox runs every compile, _info run and test confined (as the
archive does for uploaded code; see docs/security.md): as root, with
bubblewrap installed, each process runs as an unprivileged slot uid with
no network, a read-only system, only its scratch directory writable, the
cache hidden, and the --sandbox-* limits. Lint fails if the sandbox
cannot be set up rather than run anything unconfined.
`,
	SetFlags: func(fs *flag.FlagSet) {
		fs.Var(new(verbosity), "v", "more output (repeat: -v -v, or -vv)")
		fs.Var(vv{}, "vv", "same as -v -v")
		fs.Bool("safe", false, "compile nothing (ccanlint -n)")
		fs.Bool("n", false, "same as --safe")
		fs.Var(new(cli.StringsFlag), "x", "exclude check `KEY` and those that need it (repeatable)")
		fs.Var(new(cli.StringsFlag), "t", "run only check `KEY` and what it needs (repeatable)")
		fs.String("timeout", "", "per-check time budget (milliseconds, or a duration like 30s)")
		fs.String("compiler", "", "compiler to use instead of config.h's CCAN_COMPILER")
		fs.String("cflags", "", "flags to use instead of config.h's CCAN_CFLAGS")
		fs.Bool("k", false, "keep the working directory and print where it is")
		fs.Bool("list", false, "list the checks in dependency order and exit")
		fs.Bool("json", false, "print one JSON array with every module's results")
		fs.Int("j", runtime.NumCPU(), "run up to `N` compiles/tests at once")
		fs.Bool("no-extra", false, "run only the original ccanlint checks, not the extra ones")
		fs.Bool("no-cache", false, "do not use or update the build cache")
		fs.Bool("deps-fail-ignore", false, "pass modules with external deps whose build failed")
		fs.Bool("s", false, "accepted for ccanlint compatibility (never interactive)")
		fs.String("gcov", "", "coverage tool command (default gcov)")
		fs.Bool("sandbox", false, "run every process confined (root and bubblewrap needed)")
		fs.String("sandbox-cpu", "5m", "CPU time limit of each confined process")
		fs.String("sandbox-wall", "10m", "wall time limit of each confined run")
		fs.String("sandbox-mem", "1G", "address-space limit of each confined process (e.g. 512M)")
		fs.Int("sandbox-procs", 32, "processes and threads a confined run may have at once")
		fs.String("sandbox-fsize", "128M", "largest file a confined process may write")
		fs.Var(new(cli.StringsFlag), "sandbox-hide", "also hide `PATH` from confined processes (repeatable; the cache is always hidden)")
		fs.Int("sandbox-uid-base", sandbox.DefaultUIDBase, "group id of confined processes; slot uids follow it")
	},
	Run: runLint,
}

// verbosity counts -v flags.
type verbosity int

func (v *verbosity) String() string   { return strconv.Itoa(int(*v)) }
func (v *verbosity) Set(string) error { *v++; return nil }
func (v *verbosity) IsBoolFlag() bool { return true }
func (v *verbosity) Get() any         { return int(*v) }

// vv adds two to -v.
type vv struct{}

func (vv) String() string   { return "" }
func (vv) IsBoolFlag() bool { return true }
func (vv) Set(string) error { return nil }

func lintVerbosity(env *cli.Env) int {
	n := int(*env.Flags.Lookup("v").Value.(*verbosity))
	env.Flags.Visit(func(f *flag.Flag) {
		if f.Name == "vv" {
			n += 2
		}
	})
	return n
}

func runLint(ctx context.Context, env *cli.Env, args []string) error {
	all := suite.All()
	if env.Bool("no-extra") {
		all = suite.Default()
	}
	checks, err := selectChecks(all, env.StringList("t"), env.StringList("x"))
	if err != nil {
		return err
	}
	if env.Bool("list") {
		var std, extra []*lint.Check
		for _, c := range checks {
			if c.Extra {
				extra = append(extra, c)
			} else {
				std = append(std, c)
			}
		}
		printCheckList(env.Stdout, std)
		if len(extra) > 0 {
			fmt.Fprintln(env.Stdout, "Extra checks (scored separately):")
			for _, c := range extra {
				fmt.Fprintf(env.Stdout, "   %-25s %s\n", c.Name, c.Title)
			}
		}
		return nil
	}
	timeout, err := parseTimeout(env.String("timeout"))
	if err != nil {
		return err
	}
	if len(args) == 0 {
		args = []string{"."}
	}
	mods, err := loadModules(env, args)
	if err != nil {
		return err
	}
	setup := lint.Setup{
		CC: env.String("compiler"), Safe: env.Bool("safe") || env.Bool("n"),
		Verbose: lintVerbosity(env), Timeout: timeout, Gcov: env.String("gcov"),
		Excluded: map[string]bool{},
	}
	for _, x := range env.StringList("x") {
		setup.Excluded[x] = true
	}
	if f := env.String("cflags"); f != "" {
		setup.CFlags = buildenv.SplitFlags(f)
	}
	cacheRoot := buildenv.CacheDir(env.Getenv)
	cache := &build.Cache{Dir: filepath.Join(cacheRoot, "build")}
	if env.Bool("no-cache") {
		cache = nil
	} else {
		setup.CacheDir = cacheRoot
	}
	var sb *sandbox.Sandbox
	if env.Bool("sandbox") {
		if sb, err = lintSandbox(env, cacheRoot); err != nil {
			return err
		}
		defer sb.Close()
	}
	work, err := os.MkdirTemp("", "ccanlint-")
	if err != nil {
		return err
	}
	if env.Bool("k") {
		defer fmt.Fprintf(env.Stderr, "You can find ccanlint working files in '%s'\n", work)
	} else {
		defer os.RemoveAll(work)
	}
	b := build.NewBuilder(cache, env.Int("j"))
	if sb != nil {
		if err := sb.Share(work); err != nil {
			return err
		}
		b.Run, b.RunKey = sb.Run, sb.Key()
	}
	if setup.Verbose >= 4 {
		b.Trace = func(a *build.Action, r *build.Result) {
			// Fprintf writes once per action: parallel actions do not interleave.
			fmt.Fprintf(env.Stderr, "%s\n  exit %d cached=%v %v\n%s", strings.Join(a.Args, " "), r.Exit, r.Cached, r.Elapsed, r.Output)
		}
	}
	results, err := lintAll(ctx, env, mods, setup, work, b, checks)
	if err != nil {
		return err
	}
	if env.Bool("json") {
		if err := driver.PrintJSON(env.Stdout, results); err != nil {
			return err
		}
	}
	for _, r := range results {
		if !r.Passed || r.Err != "" {
			return &cli.ExitError{Code: cli.ExitFailure}
		}
	}
	return nil
}

// lintAll lints mods, printing each module's result (in argument order)
// as soon as it and those before it are done.
func lintAll(ctx context.Context, env *cli.Env, mods []*module.Module, setup lint.Setup, work string, b *build.Builder, checks []*lint.Check) ([]*driver.ModuleResult, error) {
	cfgs := map[string]*lint.Config{}
	for _, m := range mods {
		if cfgs[m.Tree.Dir] != nil {
			continue
		}
		s := setup
		s.Work = filepath.Join(work, fmt.Sprintf("tree%d", len(cfgs)))
		cfg, err := lint.Prepare(ctx, m.Tree, s, b)
		if err != nil {
			return nil, err
		}
		cfgs[m.Tree.Dir] = cfg
	}
	jsonOut := env.Bool("json")
	results := make([]*driver.ModuleResult, len(mods))
	done := make([]chan struct{}, len(mods))
	for i := range done {
		done[i] = make(chan struct{})
	}
	prog := newProgress(env, len(mods))
	var wg sync.WaitGroup
	// More modules than job slots are in flight, so that a module waiting on
	// a serial step (compiling _info, building a dependency) does not leave
	// a core idle; the builder's slots bound the processes.
	sem := make(chan struct{}, 4*max(1, env.Int("j")))
	// Modules with long chains of dependent steps start first.
	for _, i := range driver.StartOrder(mods) {
		m := mods[i]
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			results[i] = driver.RunModule(ctx, cfgs[m.Tree.Dir], m, driver.Options{
				Suite: checks, Targeting: len(env.StringList("t")) > 0,
				DepsFailIgnore: env.Bool("deps-fail-ignore"),
			})
			<-sem
			prog.done(results[i])
			close(done[i])
		}()
	}
	for i := range mods {
		<-done[i]
		if !jsonOut {
			prog.clear()
			// Lines always carry "<module>: ", as ccanlint's do when
			// given directories.
			driver.PrintText(env.Stdout, results[i], setup.Verbose, true)
		}
	}
	wg.Wait()
	prog.finish(b)
	return results, ctx.Err()
}

// lintSandbox sets up the sandbox of --sandbox from the --sandbox-*
// flags, with room for every job slot and the _info runs beside them.
func lintSandbox(env *cli.Env, cacheRoot string) (*sandbox.Sandbox, error) {
	cfg := sandbox.Config{
		UIDBase: env.Int("sandbox-uid-base"), Slots: max(1, env.Int("j")) + 2,
		Procs: env.Int("sandbox-procs"), Hide: append([]string{cacheRoot}, env.StringList("sandbox-hide")...),
	}
	var err error
	for _, d := range []struct {
		flag string
		dst  *time.Duration
	}{{"sandbox-cpu", &cfg.CPUTime}, {"sandbox-wall", &cfg.WallTime}} {
		if *d.dst, err = time.ParseDuration(env.String(d.flag)); err != nil || *d.dst <= 0 {
			return nil, cli.UsageErrorf("bad --%s %q: want a duration like 90s or 5m", d.flag, env.String(d.flag))
		}
	}
	for _, z := range []struct {
		flag string
		dst  *int64
	}{{"sandbox-mem", &cfg.Memory}, {"sandbox-fsize", &cfg.FileSize}} {
		if *z.dst, err = sandbox.ParseSize(env.String(z.flag)); err != nil || *z.dst <= 0 {
			return nil, cli.UsageErrorf("bad --%s %q: want a size like 512M or 1G", z.flag, env.String(z.flag))
		}
	}
	if cfg.Procs <= 0 {
		return nil, cli.UsageErrorf("bad --sandbox-procs %d: want a positive number", cfg.Procs)
	}
	sb, err := sandbox.New(cfg)
	if err != nil {
		return nil, fmt.Errorf("--sandbox: %w (nothing was run)", err)
	}
	return sb, nil
}

func loadModules(env *cli.Env, args []string) ([]*module.Module, error) {
	var mods []*module.Module
	var errs []error
	for _, a := range args {
		t, name, err := resolveModule(env, a)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		m, err := t.Load(name)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		mods = append(mods, m)
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	return mods, nil
}

func parseTimeout(s string) (time.Duration, error) {
	if s == "" {
		return 0, nil
	}
	if ms, err := strconv.Atoi(s); err == nil && ms >= 0 {
		return time.Duration(ms) * time.Millisecond, nil
	}
	d, err := time.ParseDuration(s)
	if err != nil || d < 0 {
		return 0, cli.UsageErrorf("bad --timeout %q: want milliseconds or a duration like 30s", s)
	}
	return d, nil
}

// selectChecks applies -t (targets and their prerequisites) and -x
// (excluded checks and everything that needs them).
func selectChecks(all []*lint.Check, targets, excludes []string) ([]*lint.Check, error) {
	byName := map[string]*lint.Check{}
	for _, c := range all {
		byName[c.Name] = c
	}
	for _, n := range append(append([]string(nil), targets...), excludes...) {
		if byName[n] == nil {
			return nil, cli.UsageErrorf("unknown check %q (see ccan lint --list)", n)
		}
	}
	keep := map[*lint.Check]bool{}
	for _, c := range all {
		keep[c] = len(targets) == 0
	}
	for _, n := range targets {
		keep[byName[n]] = true
		for _, a := range lint.Ancestors(byName[n], all) {
			keep[a] = true
		}
	}
	for _, n := range excludes {
		x := byName[n]
		keep[x] = false
		for _, c := range all {
			for _, a := range lint.Ancestors(c, all) {
				if a == x {
					keep[c] = false
				}
			}
		}
	}
	var out []*lint.Check
	for _, c := range all {
		if keep[c] {
			out = append(out, c)
		}
	}
	return out, nil
}

// printCheckList prints checks as ccanlint --list-tests does: repeatedly
// the alphabetically first check whose requirements are all listed.
func printCheckList(w io.Writer, checks []*lint.Check) {
	fmt.Fprintln(w, "Tests:")
	listed := map[*lint.Check]bool{}
	in := map[*lint.Check]bool{}
	for _, c := range checks {
		in[c] = true
	}
	sorted := append([]*lint.Check(nil), checks...)
	sort.Slice(sorted, func(i, j int) bool { return sorted[i].Name < sorted[j].Name })
	for len(listed) < len(checks) {
		for _, c := range sorted {
			if listed[c] {
				continue
			}
			ready := true
			for _, r := range c.Requires {
				if in[r] && !listed[r] {
					ready = false
				}
			}
			if ready {
				fmt.Fprintf(w, "   %-25s %s\n", c.Name, c.Title)
				listed[c] = true
				break
			}
		}
	}
}
