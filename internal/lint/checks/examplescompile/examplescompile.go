// Package examplescompile implements the examples_compile check: Module
// examples compile.
//
// Each example extracted by examples_exist is compiled and linked (global
// cflags plus the module's _info cflags) against the module's object,
// the objects of the modules it #includes and of all their dependencies,
// and each of those modules' own libs. ccanlint's three attempts are made
// in order, stopping at the first that compiles without any compiler
// output:
//
//  1. the example as it is;
//  2. if an earlier example compiled, the earlier one merged into this
//     one (at the start, or after its first "..." line), then mangled;
//  3. the example mangled on its own.
//
// Mangling prepends the module's main header, thirteen standard headers
// and the dummies somefunc() and somestring, wraps the code in main()
// when it looks like statements, removes "..." elisions and references
// static functions so that they do not warn as unused.
//
// The total is the number of examples plus one. Each example that
// compiles in some form scores one point (the first warning-free form
// wins; otherwise the first form that compiled, reported with its
// warnings), and the last point is for no warnings at all. An example
// that no form compiles fails the check. A compiled example without a
// "// given" line becomes the "previous example" for the next one.
package examplescompile

import (
	"context"
	"fmt"
	"os"
	"strings"
	"sync"

	"github.com/ccan-archive/ccan/internal/lint"
	"github.com/ccan-archive/ccan/internal/lint/checks/examplesexist"
	"github.com/ccan-archive/ccan/internal/lint/checks/modulebuilds"
	"github.com/ccan-archive/ccan/internal/lint/examplesutil"
	"github.com/ccan-archive/ccan/internal/module"
)

// Check is the examples_compile check.
var Check = &lint.Check{
	Name:       "examples_compile",
	Title:      "Module examples compile",
	Compulsory: false,
	Doc:        "every Example: section compiles, as is or with ccanlint's mangling",
	Requires:   []*lint.Check{examplesexist.Check, modulebuilds.Check},
	CanRun:     canRun,
	Run:        run,
}

// File is an example or a mangled example, as examples_run reads it.
type File struct {
	Path   string   // the C source
	Lines  []string // its lines, as ccanlint splits them
	Binary string   // the executable, "" when it did not compile
}

// Result lists every file compiled: the examples in examples_exist
// order, and the mangled versions newest first (ccanlint's order).
type Result struct {
	Examples []File
	Mangled  []File
}

func canRun(pass *lint.Pass) string {
	if pass.Unit.Cfg.Safe {
		return "Safe mode enabled"
	}
	if ex, ok := lint.ResultValue[examplesexist.Result](pass, examplesexist.Check); !ok || len(ex.Examples) == 0 {
		return "No examples to compile"
	}
	return ""
}

// compiler compiles the examples of one module.
type compiler struct {
	pass      *lint.Pass
	u         *lint.Unit
	moduleObj string
	cflags    []string
	res       *Result
}

// attempt is one form of an example that was compiled.
type attempt struct {
	file   *File
	lines  []string // the lines it was made from (what later merges use)
	ok     bool
	output string
}

func run(pass *lint.Pass) (any, error) {
	ex, _ := lint.ResultValue[examplesexist.Result](pass, examplesexist.Check)
	mb, _ := lint.ResultValue[modulebuilds.Result](pass, modulebuilds.Check)
	c := &compiler{pass: pass, u: pass.Unit, moduleObj: mb.Object, res: &Result{}}
	flags, err := c.u.Query(pass.Ctx, module.CFlags)
	if err != nil {
		return nil, err
	}
	for _, f := range flags {
		c.cflags = append(c.cflags, strings.Fields(f)...)
	}
	firsts := c.compileAll(pass.Ctx, ex.Examples)
	score, warnings, passed := 0, false, true
	var prev []string
	for i, e := range ex.Examples {
		tries, err := c.try(pass.Ctx, firsts[i], prev)
		if err != nil {
			return nil, err
		}
		best, warned := pick(tries)
		switch {
		case best == nil:
			passed = false
			c.reportFailure(e.Path, tries)
			prev = nil
			continue
		case warned:
			warnings = true
			pass.Reportf(best.file.Path, 0, "Compiling extracted example gave warnings:\nExample:\n%s\nCompiler:\n%s",
				strings.Join(best.file.Lines, "\n"), best.output)
		}
		score++
		if !hasExpectedOutput(best.lines) {
			prev = best.lines
		}
	}
	total := len(ex.Examples) + 1
	if !warnings {
		score++
	}
	for i, j := 0, len(c.res.Mangled)-1; i < j; i, j = i+1, j-1 {
		c.res.Mangled[i], c.res.Mangled[j] = c.res.Mangled[j], c.res.Mangled[i]
	}
	pass.Score(passed, score, total)
	return c.res, nil
}

// pick returns the first warning-free attempt, else the first that
// compiled (warned), else nil.
func pick(tries []*attempt) (best *attempt, warned bool) {
	for _, t := range tries {
		if t.ok && t.output == "" {
			return t, false
		}
	}
	for _, t := range tries {
		if t.ok {
			return t, true
		}
	}
	return nil, false
}

// asIs is an example compiled as it is: always ccanlint's first attempt.
type asIs struct {
	file *File
	try  *attempt
	err  error
}

// compileAll compiles every example as it is. Those compiles do not
// depend on each other (only the later attempts depend on how the
// examples before went), so they run at once and a module with many
// examples is not one long chain of compiles. Each example has its own
// file name, so the programs are named as if compiled in turn.
func (c *compiler) compileAll(ctx context.Context, examples []examplesexist.Example) []*asIs {
	out := make([]*asIs, len(examples))
	var wg sync.WaitGroup
	for i, e := range examples {
		wg.Add(1)
		go func() {
			defer wg.Done()
			a := &asIs{}
			out[i] = a
			text, err := os.ReadFile(e.Path)
			if err != nil {
				a.err = err
				return
			}
			lines := examplesutil.Lines(string(text))
			a.file = &File{Path: e.Path, Lines: lines}
			a.try, a.err = c.compile(ctx, a.file, lines)
		}()
	}
	wg.Wait()
	return out
}

// try makes ccanlint's attempts at compiling an example, the first
// (as it is) already made.
func (c *compiler) try(ctx context.Context, first *asIs, prev []string) ([]*attempt, error) {
	if first.file == nil {
		return nil, first.err
	}
	path, lines := first.file.Path, first.file.Lines
	c.res.Examples = append(c.res.Examples, *first.file)
	if first.err != nil || (first.try.ok && first.try.output == "") {
		return []*attempt{first.try}, first.err
	}
	tries := []*attempt{first.try}
	if merged := combine(lines, prev); merged != nil {
		t, err := c.mangled(ctx, path, merged)
		if err != nil || (t.ok && t.output == "") {
			return append(tries, t), err
		}
		tries = append(tries, t)
	}
	t, err := c.mangled(ctx, path, lines)
	return append(tries, t), err
}

// mangled writes the mangled form of lines next to the example at path
// and compiles it.
func (c *compiler) mangled(ctx context.Context, path string, lines []string) (*attempt, error) {
	m := c.u.Module
	text := mangle(m.Name, m.Basename(), lines)
	name := examplesutil.TempName(c.u.Work, ".c", "mangled-"+baseName(path))
	if err := os.WriteFile(name, []byte(text), 0o600); err != nil {
		return nil, err
	}
	f := &File{Path: name, Lines: examplesutil.Lines(text)}
	t, err := c.compile(ctx, f, lines)
	c.res.Mangled = append(c.res.Mangled, *f)
	return t, err
}

// compile compiles and links f (made from lines); on success f.Binary
// is set.
func (c *compiler) compile(ctx context.Context, f *File, lines []string) (*attempt, error) {
	ls := c.exampleDeps(ctx, f.Lines)
	bin := examplesutil.TempName(c.u.Work, "", f.Path)
	r, err := c.u.CompileAndLink(ctx, f.Path, lint.CompileOpts{
		Flags: c.cflags, Objects: ls.objects, Libs: ls.libs, Out: bin, Kind: "example compile+link",
	})
	if err != nil {
		return nil, err
	}
	t := &attempt{file: f, lines: lines, ok: r.OK(), output: r.Output}
	if len(ls.errs) > 0 {
		t.output = strings.Join(ls.errs, "\n") + "\n" + t.output
	}
	if t.ok {
		f.Binary = bin
	} else {
		os.Remove(bin)
	}
	return t, nil
}

func (c *compiler) reportFailure(path string, tries []*attempt) {
	if c.u.Cfg.Verbose == 0 {
		msg := "Standalone compile and adding headers both failed"
		if len(tries) == 3 {
			msg = "Compiling standalone, adding headers, and including previous example all failed"
		}
		c.pass.Reportf(path, 0, "%s", msg)
		return
	}
	titles := []string{"Standalone example", "Adding headers, wrappers"}
	if len(tries) == 3 {
		titles = []string{"Standalone example", "Combining with previous example", "Adding headers, wrappers"}
	}
	var b strings.Builder
	for i, t := range tries {
		fmt.Fprintf(&b, "%s:\n%s\nErrors: %s\n\n", titles[i], strings.Join(t.file.Lines, "\n"), t.output)
	}
	c.pass.Reportf(path, 0, "%s", b.String())
}

func baseName(path string) string {
	if i := strings.LastIndexByte(path, '/'); i >= 0 {
		return path[i+1:]
	}
	return path
}
