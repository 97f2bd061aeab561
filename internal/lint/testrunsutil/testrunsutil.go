// Package testrunsutil holds what the test-running checks share:
// tests_pass, tests_pass_valgrind, tests_pass_valgrind_noleaks,
// tests_pass_without_features, tests_compile_coverage and tests_coverage.
//
// Test programs run through the build cache: the action's inputs are
// the program and every file of the module's test directory (the data
// tests read through the "test" symlink of the unit's scratch
// directory), so a warm re-lint replays results instead of running the
// tests again.
package testrunsutil

import (
	"context"
	"io/fs"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/ccan-archive/ccan/internal/build"
	"github.com/ccan-archive/ccan/internal/lint"
	"github.com/ccan-archive/ccan/internal/module"
)

// Binaries returns the Binaries map of a requirement's result, whether
// the requirement returned its result struct by value or by pointer.
func Binaries[T any](p *lint.Pass, c *lint.Check, get func(T) map[string]string) (map[string]string, bool) {
	v, ok := lint.ResultValue[T](p, c)
	if !ok {
		return nil, false
	}
	return get(v), true
}

// Tests returns the module's run tests followed by its api tests, the
// order in which ccanlint runs and counts them.
func Tests(m *module.Module) []string {
	out := append([]string(nil), m.Manifest.RunTests...)
	return append(out, m.Manifest.APITests...)
}

// Lock returns the unit's test-run lock. Checks that run test programs
// hold it so that two builds of the same test (normal, reduced
// features, coverage) never run at once in the shared working
// directory, where they may create the same scratch files.
func Lock(u *lint.Unit) *sync.Mutex {
	return u.Memo("testrunsutil.lock", func() any { return new(sync.Mutex) }).(*sync.Mutex)
}

// TestDirFiles lists (once per unit) every regular file under the
// module's test directory, absolute and sorted.
func TestDirFiles(u *lint.Unit) []string {
	return u.Memo("testrunsutil.testfiles", func() any {
		var files []string
		root := u.Module.Path("test")
		filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if err == nil && d.Type().IsRegular() {
				files = append(files, path)
			}
			return nil
		})
		sort.Strings(files)
		return files
	}).([]string)
}

// RunOpts describes one test program run.
type RunOpts struct {
	// Prefix is put before the program (e.g. valgrind and its options).
	Prefix []string
	// LogFD3 redirects file descriptor 3 of the run to this file, as
	// ccanlint's "3> log" does for valgrind's --log-fd=3.
	LogFD3 string
	// Extra inputs besides the program and the test directory (e.g. a
	// valgrind suppressions file).
	Extra   []string
	NoCache bool
	// Kind labels the run in the builder's statistics (default "valgrind"
	// with a valgrind prefix, else "test").
	Kind string
}

// Run runs the test program bin in the unit's scratch directory
// (stdin /dev/null) through the build cache.
func Run(ctx context.Context, u *lint.Unit, bin string, o RunOpts) (*build.Result, error) {
	args := append(append([]string(nil), o.Prefix...), bin)
	if o.LogFD3 != "" {
		args = []string{"sh", "-c", "exec " + shellJoin(args) + " 3>" + shellQuote(o.LogFD3)}
	}
	inputs := append([]string{bin}, o.Extra...)
	inputs = append(inputs, TestDirFiles(u)...)
	kind := o.Kind
	if kind == "" {
		kind = "test"
		if len(o.Prefix) > 0 && filepath.Base(o.Prefix[0]) == "valgrind" {
			kind = "valgrind"
		}
	}
	return u.Cfg.Builder.Do(ctx, &build.Action{
		Args: args, Dir: u.Work, Inputs: inputs, LogFile: o.LogFD3,
		Work: u.Cfg.Work, NoCache: o.NoCache, Kind: kind,
	})
}

func shellJoin(args []string) string {
	q := make([]string, len(args))
	for i, a := range args {
		q[i] = shellQuote(a)
	}
	return strings.Join(q, " ")
}

func shellQuote(s string) string {
	if s != "" && strings.Trim(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_./=+,:@%") == "" {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// Describe turns a failed run into ccanlint's error text: the program's
// output, or what stopped it.
func Describe(r *build.Result) string {
	out := r.Output
	switch {
	case r.TimedOut:
		out += "\n(timed out)"
	case r.Signal != "":
		out += "\n(killed by signal: " + r.Signal + ")"
	case out == "":
		out = "(exit status " + strconv.Itoa(r.Exit) + ")"
	}
	return strings.TrimLeft(out, "\n")
}

// RunAll runs the program of each test (bins[test]) in parallel, holding
// the unit's test-run lock; opts gives each test's run options. A test
// without a program gets a nil result.
func RunAll(p *lint.Pass, tests []string, bins map[string]string, opts func(test string) RunOpts) ([]*build.Result, error) {
	results := make([]*build.Result, len(tests))
	errs := make([]error, len(tests))
	lock := Lock(p.Unit)
	lock.Lock()
	defer lock.Unlock()
	var wg sync.WaitGroup
	for i, t := range tests {
		if bins[t] == "" {
			continue
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			results[i], errs[i] = Run(p.Ctx, p.Unit, bins[t], opts(t))
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	return results, nil
}

// Tally reports every failed test and sets the score: tests exiting 0
// out of all tests, passing only when all do. It returns which passed.
func Tally(p *lint.Pass, tests []string, results []*build.Result) map[string]bool {
	passed := map[string]bool{}
	for i, t := range tests {
		switch r := results[i]; {
		case r == nil:
			p.Reportf(t, 0, "test was not compiled")
		case r.OK():
			passed[t] = true
		default:
			p.Reportf(t, 0, "%s", Describe(r))
		}
	}
	p.Score(len(passed) == len(tests), len(passed), len(tests))
	return passed
}
