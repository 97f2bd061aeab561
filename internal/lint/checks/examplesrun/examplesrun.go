// Package examplesrun implements the examples_run check: Module examples
// with expected output give that output.
//
// Every compiled example (and every compiled mangled form of one) is
// searched for comment lines of the forms
//
//	// outputs "TEXT"
//	// output contains "TEXT"
//	// given "INPUT" outputs "TEXT"
//	// given "INPUT" output contains "TEXT"
//
// (keywords in any case; without the quotes TEXT is compared with runs
// of blanks and newlines collapsed; "\n" in TEXT stands for a newline).
// Each such line runs the program, as `echo 'INPUT' | prog INPUT` when
// input is given, and expects exit status 0 and the output (stdout and
// stderr together) to equal, or contain, TEXT.
//
// The total is the number of expectations run, one point each; a
// mismatch or a malformed "given"/"output" comment fails the check.
package examplesrun

import (
	"strings"

	"github.com/ccan-archive/ccan/internal/build"
	"github.com/ccan-archive/ccan/internal/lint"
	"github.com/ccan-archive/ccan/internal/lint/checks/examplescompile"
)

// Check is the examples_run check.
var Check = &lint.Check{
	Name:       "examples_run",
	Title:      "Module examples with expected output give that output",
	Compulsory: false,
	Doc:        "examples with // outputs \"X\" comments print X",
	Requires:   []*lint.Check{examplescompile.Check},
	CanRun:     canRun,
	Run:        run,
}

func canRun(pass *lint.Pass) string {
	if pass.Unit.Cfg.Safe {
		return "Safe mode enabled"
	}
	res, _ := lint.ResultValue[examplescompile.Result](pass, examplescompile.Check)
	if len(res.Examples)+len(res.Mangled) == 0 {
		return "No examples"
	}
	return ""
}

func run(pass *lint.Pass) (any, error) {
	res, _ := lint.ResultValue[examplescompile.Result](pass, examplescompile.Check)
	passed, score, total := true, 0, 0
	for _, f := range append(append([]examplescompile.File(nil), res.Examples...), res.Mangled...) {
		for i := 0; ; i++ {
			var e *expectation
			var bad bool
			if i, e, bad = findExpect(f.Lines, i); bad {
				pass.Reportf(f.Path, i+1, "Unparsable test line '%s'", f.Lines[i])
				passed = false
				break
			}
			if e == nil {
				break
			}
			if f.Binary == "" {
				continue
			}
			total++
			out, ok, err := check(pass, f.Binary, e)
			if err != nil {
				return nil, err
			}
			if ok {
				score++
				continue
			}
			verb := "match"
			if e.contains {
				verb = "contain"
			}
			pass.Reportf(f.Path, i+1, "output '%s' didn't %s '%s'\n", out, verb, e.expect)
			passed = false
		}
	}
	pass.Score(passed, score, total)
	return nil, nil
}

// check runs bin for expectation e and returns its output and whether
// it met e.
func check(pass *lint.Pass, bin string, e *expectation) (string, bool, error) {
	u := pass.Unit
	cmd := bin
	if e.input != nil {
		cmd = "echo '" + *e.input + "' | " + bin + " " + *e.input
	}
	r, err := u.Cfg.Builder.Do(pass.Ctx, &build.Action{
		Args: []string{"sh", "-c", cmd}, Dir: u.Work, Inputs: []string{bin}, Work: u.Cfg.Work,
		Kind: "example run",
	})
	if err != nil {
		return "", false, err
	}
	if !r.OK() {
		return "Exited with non-zero status\n", false, nil
	}
	out, expect := r.Output, strings.ReplaceAll(e.expect, `\n`, "\n")
	if i := strings.IndexByte(out, 0); i >= 0 {
		out = out[:i] // ccanlint sees the output as a C string
	}
	if !e.whitespace {
		expect, out = normalize(expect), normalize(out)
	}
	if e.contains {
		return out, strings.Contains(out, expect), nil
	}
	return out, out == expect, nil
}

func normalize(s string) string {
	return strings.Join(strings.FieldsFunc(s, func(r rune) bool { return r == ' ' || r == '\n' || r == '\t' }), " ")
}
