// Package sanitizers implements the tests_pass_sanitizers extra check:
// the module's run and api tests pass under AddressSanitizer and
// UndefinedBehaviorSanitizer.
//
// Each run and api test is compiled again with
// -fsanitize=address,undefined -fno-sanitize-recover=undefined
// -fno-omit-frame-pointer (plus the global flags and the module's _info
// cflags) and linked as tests_compile links it: helper objects, for api
// tests the module's objects (rebuilt with the sanitizers), the
// dependency objects and libs. Each program then runs in the unit's
// scratch directory; it must exit 0. Leak detection is off (memory leaks
// are tests_pass_valgrind_noleaks's business); any out-of-bounds access,
// use after free or undefined behaviour the sanitizers see stops the
// test with an error report.
//
// The compiler is probed once (a tiny sanitized program must build and
// run); when it cannot, the check does not apply. The score is the
// number of tests that pass, out of the number of run and api tests.
package sanitizers

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"github.com/ccan-archive/ccan/internal/build"
	"github.com/ccan-archive/ccan/internal/lint"
	"github.com/ccan-archive/ccan/internal/lint/buildutil"
	"github.com/ccan-archive/ccan/internal/lint/checks/dependsbuild"
	"github.com/ccan-archive/ccan/internal/lint/checks/testscompile"
	"github.com/ccan-archive/ccan/internal/lint/checks/testshelperscompile"
	"github.com/ccan-archive/ccan/internal/lint/testrunsutil"
)

// Check is the tests_pass_sanitizers check.
var Check = &lint.Check{
	Name:     "tests_pass_sanitizers",
	Title:    "Module's run and api tests pass under -fsanitize=address,undefined",
	Doc:      "run and api tests rebuilt with AddressSanitizer and UndefinedBehaviorSanitizer must pass",
	Extra:    true,
	Requires: []*lint.Check{testscompile.Check},
	CanRun:   canRun,
	Run:      run,
}

// Flags are the sanitizer compiler flags.
var Flags = []string{"-fsanitize=address,undefined", "-fno-sanitize-recover=undefined", "-fno-omit-frame-pointer"}

// runEnv sets the sanitizers' run-time options (through env(1), so the
// command line, which is part of the cache key, says it all).
var runEnv = []string{"env", "ASAN_OPTIONS=detect_leaks=0", "UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1"}

const probeSrc = "#include <stdlib.h>\nint main(void)\n{\n\tchar *p = malloc(4);\n\tp[0] = 0;\n\tfree(p);\n\treturn 0;\n}\n"

func canRun(pass *lint.Pass) string {
	u := pass.Unit
	if u.Cfg.Safe {
		return "Safe mode enabled"
	}
	if len(testrunsutil.Tests(u.Module)) == 0 {
		return "No run or api tests"
	}
	return probe(pass.Ctx, u)
}

// probe builds and runs a tiny sanitized program (the build cache makes
// this cheap after the first module) and returns why the check cannot
// run, or "". The two failures differ for the user: a compiler without
// sanitizer support, or a program that cannot start here (under a
// memory limit such as the sandbox's, AddressSanitizer cannot reserve
// its shadow memory).
func probe(ctx context.Context, u *lint.Unit) string {
	cannotBuild := u.Cfg.CC + " cannot build -fsanitize=address,undefined programs"
	dir := filepath.Join(u.Work, "sanitize")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return cannotBuild + ": " + err.Error()
	}
	src := filepath.Join(dir, "probe.c")
	if err := os.WriteFile(src, []byte(probeSrc), 0o644); err != nil {
		return cannotBuild + ": " + err.Error()
	}
	bin := filepath.Join(dir, "probe")
	r, err := u.CompileAndLink(ctx, src, lint.CompileOpts{Flags: Flags, Out: bin})
	if err != nil || !r.OK() {
		return cannotBuild
	}
	r, err = u.Cfg.Builder.Do(ctx, &build.Action{Args: append(append([]string(nil), runEnv...), bin), Dir: dir, Inputs: []string{bin}, Work: u.Cfg.Work})
	if err != nil || !r.OK() {
		why := "-fsanitize=address,undefined programs cannot run here"
		if line := firstLine(r); line != "" {
			why += " (" + line + ")"
		}
		return why
	}
	return ""
}

// firstLine returns the first non-empty line of r's output, shortened.
func firstLine(r *build.Result) string {
	if r == nil {
		return ""
	}
	for l := range strings.SplitSeq(r.Output, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			if len(l) > 160 {
				l = l[:160] + "..."
			}
			return l
		}
	}
	return ""
}

// outcome is one test's result.
type outcome struct {
	ok  bool
	msg string
	err error
}

func run(pass *lint.Pass) (any, error) {
	u := pass.Unit
	tb, err := testBuild(pass)
	if err != nil {
		return nil, err
	}
	tests := testrunsutil.Tests(u.Module)
	if len(u.Module.Manifest.APITests) > 0 {
		objs, msg, err := moduleObjects(pass.Ctx, u, tb)
		if err != nil {
			return nil, err
		}
		if msg != "" {
			pass.Report(msg)
			pass.Score(false, 0, len(tests))
			return nil, nil
		}
		tb.Module = objs
	}
	results := make([]outcome, len(tests))
	var wg sync.WaitGroup
	for i, t := range tests {
		wg.Add(1)
		go func() {
			defer wg.Done()
			results[i] = runTest(pass.Ctx, u, tb, t)
		}()
	}
	wg.Wait()
	score := 0
	for i, r := range results {
		if r.err != nil {
			return nil, r.err
		}
		if r.ok {
			score++
			continue
		}
		pass.Reportf(tests[i], 0, "%s", r.msg)
	}
	pass.Score(score == len(tests), score, len(tests))
	return nil, nil
}

// testBuild gathers the objects tests_compile linked with.
func testBuild(pass *lint.Pass) (*buildutil.TestBuild, error) {
	u := pass.Unit
	flags, err := buildutil.InfoCFlags(pass.Ctx, u)
	if err != nil {
		return nil, err
	}
	tb := &buildutil.TestBuild{Dir: filepath.Join(u.Work, "sanitize"), Flags: append(append([]string(nil), Flags...), flags...)}
	if h, ok := lint.ResultAs[*testshelperscompile.Result](pass, testshelperscompile.Check); ok && h != nil {
		tb.Helpers = h.Objects
	}
	if d, ok := lint.ResultAs[*dependsbuild.Result](pass, dependsbuild.Check); ok && d != nil {
		tb.Deps = append(append(tb.Deps, d.DepObjects...), d.TestDepObjects...)
		tb.Libs = d.Libs
	}
	return tb, os.MkdirAll(tb.Dir, 0o755)
}

// moduleObjects rebuilds the module's .c files with the sanitizers, for
// the api tests; msg describes a failed compile.
func moduleObjects(ctx context.Context, u *lint.Unit, tb *buildutil.TestBuild) (objs []string, msg string, err error) {
	for _, c := range u.Module.Manifest.CFiles {
		out := filepath.Join(tb.Dir, "module-"+strings.ReplaceAll(strings.TrimSuffix(c, ".c"), "/", "_")+".o")
		r, err := u.CompileObject(ctx, u.Module.Path(c), lint.CompileOpts{Flags: tb.Flags, Out: out})
		if err != nil {
			return nil, "", err
		}
		if !r.OK() {
			return nil, c + ": compiling with sanitizers failed:\n" + strings.TrimSpace(r.Output), nil
		}
		objs = append(objs, out)
	}
	return objs, "", nil
}

func runTest(ctx context.Context, u *lint.Unit, tb *buildutil.TestBuild, test string) outcome {
	api := strings.HasPrefix(test, "test/api")
	objs := append([]string(nil), tb.Helpers...)
	if api {
		objs = append(objs, tb.Module...)
	}
	objs = append(objs, tb.Deps...)
	bin := filepath.Join(tb.Dir, strings.TrimSuffix(filepath.Base(test), ".c"))
	r, err := u.CompileAndLink(ctx, u.Module.Path(test), lint.CompileOpts{Flags: tb.Flags, Objects: objs, Libs: tb.Libs, Out: bin})
	if err != nil {
		return outcome{err: err}
	}
	if !r.OK() {
		return outcome{msg: "compiling with sanitizers failed:\n" + strings.TrimSpace(r.Output)}
	}
	inputs := append([]string{bin}, testrunsutil.TestDirFiles(u)...)
	r, err = u.Cfg.Builder.Do(ctx, &build.Action{Args: append(append([]string(nil), runEnv...), bin), Dir: u.Work, Inputs: inputs, Work: u.Cfg.Work})
	if err != nil {
		return outcome{err: err}
	}
	if !r.OK() {
		return outcome{msg: "failed under the sanitizers:\n" + testrunsutil.Describe(r)}
	}
	return outcome{ok: true}
}
