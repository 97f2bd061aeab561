// Package testscompilecoverage implements the tests_compile_coverage
// check: Module tests compile with -fprofile-arcs -ftest-coverage.
//
// It cannot run without a working gcov ("No gcov support"). When the
// module has api tests, its own objects are first rebuilt with coverage
// flags (global cflags, _info cflags, coverage flags); this rebuild is
// scored like objects_build (total 2, or 0 without .c files; one point
// less for any compiler output; an error fails the check). Then every
// run and api test is built with coverage (api tests linked with those
// objects), each with helper objects, dependency objects and test libs
// as in tests_compile. Score 1/1 unless the module rebuild set the
// score; any failure to compile sets an error and, as in ccanlint, the
// outcome the module rebuild left (or the initial 0/1 FAIL) stands.
//
// Unlike ccanlint, each test is compiled to an object first and linked
// second, so that the gcov notes file is named <test>.gcno in one
// directory for every compiler version: gcc 11 and later name the notes
// of a one-step compile and link after the output and the source
// ("run-1-run.gcno"), which gcov cannot find, and that makes ccanlint's
// tests_coverage fail for every module with such a compiler. Coverage
// builds are never cached: their objects embed absolute paths of this
// run's scratch directory.
package testscompilecoverage

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"github.com/ccan-archive/ccan/internal/build"
	"github.com/ccan-archive/ccan/internal/lint"
	"github.com/ccan-archive/ccan/internal/lint/checks/dependsbuild"
	"github.com/ccan-archive/ccan/internal/lint/checks/testscompile"
	"github.com/ccan-archive/ccan/internal/lint/checks/testshelperscompile"
	"github.com/ccan-archive/ccan/internal/lint/testrunsutil"
	"github.com/ccan-archive/ccan/internal/module"
)

// Check is the tests_compile_coverage check.
var Check = &lint.Check{
	Name:       "tests_compile_coverage",
	Title:      "Module tests compile with -fprofile-arcs -ftest-coverage",
	Compulsory: false,
	Requires:   []*lint.Check{testscompile.Check},
	CanRun:     canRun,
	Run:        run,
}

// Result holds the coverage builds.
type Result struct {
	// Binaries maps each run/api test (module-relative) to its coverage
	// executable.
	Binaries map[string]string
	// Dir holds the tests' objects and gcov notes (<test base>.gcno):
	// the directory to give gcov -o.
	Dir string
	// MemoKey identifies the inputs of this build (see Replay); "" when
	// they could not be hashed.
	MemoKey string
	// Compile is this check's own outcome, for Remember.
	Compile lint.Outcome
	// Replay, when non-nil, holds remembered outcomes: nothing was built
	// and tests_coverage replays its part (when remembered).
	Replay *Replay
	// Build, set when only this check's outcome was remembered (the last
	// time tests_coverage did not run), builds the coverage programs
	// after all, for tests_coverage to measure.
	Build func(ctx context.Context) (*Result, error)
}

func canRun(pass *lint.Pass) string {
	if pass.Unit.Cfg.Gcov == "" {
		return "No gcov support"
	}
	return ""
}

// covBuild is one module's coverage build in progress.
type covBuild struct {
	pass      *lint.Pass
	dir       string
	infoFlags []string // the module's _info cflags
	flags     []string // after the global cflags (which the unit adds)
	helpers   []string // test helper objects: linked first
	deps      []string // dependency and test dependency objects: linked last
	libs      []string
	failed    bool // an error was recorded (ccanlint then keeps the score)
}

func run(pass *lint.Pass) (any, error) {
	u := pass.Unit
	dir := filepath.Join(u.Work, "coverage")
	info, err := u.Query(pass.Ctx, module.CFlags)
	if err != nil {
		return nil, err
	}
	var infoFlags []string
	for _, l := range info {
		infoFlags = append(infoFlags, strings.Fields(l)...)
	}
	b := &covBuild{pass: pass, dir: dir, infoFlags: infoFlags,
		flags: append(append([]string(nil), testrunsutil.CoverageFlags...), infoFlags...)}
	b.linkInputs()
	key, _ := b.memoKey(infoFlags)
	if r, ok := lookup(pass, key); ok && key != "" {
		pass.Replay(r.Compile)
		res := &Result{Binaries: map[string]string{}, Dir: dir, MemoKey: key, Replay: r}
		if r.Coverage == nil {
			res.Build = func(ctx context.Context) (*Result, error) { return b.rebuild(ctx, key, r.Compile) }
		}
		return res, nil
	}
	res, err := b.build(key)
	if err != nil {
		return nil, err
	}
	// Remember this outcome now: tests_coverage, which adds its own,
	// does not run when the tests fail or this build failed.
	remember(pass, key, Replay{Compile: pass.Snapshot()})
	if res == nil {
		return nil, nil
	}
	return res, nil
}

// build builds the module's objects (with api tests) and every run and
// api test with coverage, scoring b.pass as ccanlint does. The result is
// nil when the module's objects did not build.
func (b *covBuild) build(key string) (*Result, error) {
	pass, u := b.pass, b.pass.Unit
	os.RemoveAll(b.dir)
	if err := os.MkdirAll(filepath.Join(b.dir, "module"), 0o755); err != nil {
		return nil, err
	}
	var modObjs []string
	if len(u.Module.Manifest.APITests) > 0 {
		objs, ok, err := b.moduleObjects(append(b.infoFlags, testrunsutil.CoverageFlags...))
		if err != nil || !ok {
			// Only errors stop here: after warnings ccanlint goes on to
			// the tests, keeping the objects' score.
			return nil, err
		}
		modObjs = objs
	}
	res := &Result{Binaries: map[string]string{}, Dir: b.dir, MemoKey: key}
	if err := b.tests(res, modObjs); err != nil {
		return nil, err
	}
	if !b.failed {
		_, _, total, _, _ := pass.Outcome()
		pass.Score(true, total, total)
	}
	res.Compile = pass.Snapshot()
	return res, nil
}

// rebuild builds the coverage programs when this check's outcome was
// replayed (compile is that outcome) but tests_coverage must measure.
// The new build's own score goes to a scratch pass: the check's outcome
// is already reported.
func (b *covBuild) rebuild(ctx context.Context, key string, compile lint.Outcome) (*Result, error) {
	scratch := lint.NewPass(ctx, b.pass.Check, b.pass.Unit)
	scratch.ResultOf = b.pass.ResultOf
	nb := *b
	nb.pass, nb.failed = scratch, false
	res, err := nb.build(key)
	if err != nil {
		return nil, err
	}
	if res == nil {
		return nil, fmt.Errorf("coverage build of the module's objects failed, unlike when it was remembered")
	}
	res.Compile = compile
	return res, nil
}

func (b *covBuild) linkInputs() {
	if h, ok := lint.ResultValue[testshelperscompile.Result](b.pass, testshelperscompile.Check); ok {
		b.helpers = h.Objects
	}
	if d, ok := lint.ResultValue[dependsbuild.Result](b.pass, dependsbuild.Check); ok {
		b.deps = append(append(b.deps, d.DepObjects...), d.TestDepObjects...)
		b.libs = d.Libs
	}
}

// moduleObjects rebuilds the module's objects with coverage, scoring as
// objects_build does; ok is false when one did not compile.
func (b *covBuild) moduleObjects(flags []string) (objs []string, ok bool, err error) {
	p, u := b.pass, b.pass.Unit
	cfiles := u.Module.Manifest.CFiles
	total := 2
	if len(cfiles) == 0 {
		total = 0
	}
	errors, warnings := false, false
	for _, c := range cfiles {
		out := filepath.Join(b.dir, "module", strings.TrimSuffix(c, ".c")+".o")
		r, err := u.CompileObject(p.Ctx, u.Module.Path(c), lint.CompileOpts{Flags: flags, Out: out, NoCache: true, Kind: "coverage compile"})
		if err != nil {
			return nil, false, err
		}
		switch {
		case !r.OK():
			p.Reportf(c, 0, "Compiling object files:\n%s", r.Output)
			errors = true
		case r.Output != "":
			p.Reportf(c, 0, "Compiling object files gave warnings:\n%s", r.Output)
			warnings = true
		}
		objs = append(objs, out)
	}
	if errors {
		p.Report("Failed to compile module objects with coverage")
		p.Score(false, 0, total)
		b.failed = true
		return nil, false, nil
	}
	score := total
	if warnings {
		score--
		b.failed = true // ccanlint: an error message was recorded
	}
	p.Score(true, score, total)
	return objs, true, nil
}

// tests builds every run and api test with coverage, in parallel.
func (b *covBuild) tests(res *Result, modObjs []string) error {
	u := b.pass.Unit
	var mu sync.Mutex
	var wg sync.WaitGroup
	var firstErr error
	api := map[string]bool{}
	for _, t := range u.Module.Manifest.APITests {
		api[t] = true
	}
	for _, t := range testrunsutil.Tests(u.Module) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var objs []string
			if api[t] {
				objs = modObjs
			}
			bin, msg, err := b.test(t, objs)
			mu.Lock()
			defer mu.Unlock()
			switch {
			case err != nil:
				firstErr = err
			case msg != "":
				b.pass.Reportf(t, 0, "Failed to compile test with coverage: %s", msg)
				b.failed = true
			default:
				res.Binaries[t] = bin
			}
		}()
	}
	wg.Wait()
	return firstErr
}

// test compiles one test to <dir>/<base>.o (so its notes are
// <base>.gcno) and links it; msg is the compiler's output on failure.
func (b *covBuild) test(t string, modObjs []string) (bin, msg string, err error) {
	u := b.pass.Unit
	base := strings.TrimSuffix(filepath.Base(t), ".c")
	obj := filepath.Join(b.dir, base+".o")
	bin = filepath.Join(b.dir, base)
	r, err := u.CompileObject(b.pass.Ctx, u.Module.Path(t), lint.CompileOpts{Flags: b.flags, Out: obj, NoCache: true, Kind: "coverage compile"})
	if err != nil || !r.OK() {
		return "", output(r), err
	}
	objs := append(append(append([]string(nil), b.helpers...), modObjs...), b.deps...)
	r, err = u.CompileAndLink(b.pass.Ctx, obj, lint.CompileOpts{
		Flags: b.flags, Objects: objs, Libs: b.libs, Out: bin, NoCache: true, Kind: "coverage link",
	})
	if err != nil || !r.OK() {
		return "", output(r), err
	}
	return bin, "", nil
}

func output(r *build.Result) string {
	if r == nil {
		return ""
	}
	if r.Output == "" {
		return fmt.Sprintf("exit status %d", r.Exit)
	}
	return r.Output
}
