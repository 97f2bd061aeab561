// Package hashif implements the hash_if check: Features are checked with #if not #ifdef.
//
// Configuration symbols (HAVE_*) are always defined by config.h, to 0 or
// 1, so they must be tested with #if: with gcc's -Wundef a mistyped or
// unknown option is then caught. Every "#ifdef HAVE_..." and "#if
// defined(HAVE_...)" line in the module's .c and .h files and in its
// test sources is reported ("#ifndef" is not). Findings score 0/1 but do
// not fail the check.
package hashif

import (
	"strings"

	"github.com/ccan-archive/ccan/internal/csource"
	"github.com/ccan-archive/ccan/internal/lint"
	"github.com/ccan-archive/ccan/internal/lint/checks/infoexists"
	"github.com/ccan-archive/ccan/internal/lint/srcdocutil"
)

// Check is the hash_if check.
var Check = &lint.Check{
	Name:       "hash_if",
	Title:      "Features are checked with #if not #ifdef",
	Compulsory: false,
	Requires:   []*lint.Check{infoexists.Check},
	Run:        run,
}

const explanation = "\n\t(#if works like #ifdef, but with gcc's -Wundef, we can detect\n" +
	"\tmistyped or unknown configuration options)"

func run(pass *lint.Pass) (any, error) {
	man := pass.Unit.Module.Manifest
	files, err := srcdocutil.ReadAll(pass.Unit, man.CFiles, man.HFiles, man.RunTests, man.APITests,
		man.CompileOK, man.CompileFail, man.TestHelpers)
	if err != nil {
		return nil, err
	}
	expl := explanation // only the first message explains
	for _, f := range files {
		for i, line := range f.Lines {
			if sym := ifdefSymbol(line); strings.HasPrefix(sym, "HAVE_") {
				pass.Reportf(f.Name, i+1, "%s should be tested with #if%s", sym, expl)
				expl = ""
			}
		}
	}
	if expl == "" {
		pass.Score(true, 0, 1) // not a failure
	} else {
		pass.Pass()
	}
	return nil, nil
}

// ifdefSymbol returns the symbol tested by an "#ifdef SYM" or "#if
// defined(SYM" line, else "". Tokens are read as ccanlint does: after a
// partial "#if defined" match, "ifdef" is looked for where matching
// stopped.
func ifdefSymbol(line string) string {
	if !csource.Token(&line, "#") {
		return ""
	}
	ifDefined := csource.Token(&line, "if") && csource.Token(&line, "defined") && csource.Token(&line, "(")
	if !ifDefined && !csource.Token(&line, "ifdef") {
		return ""
	}
	return csource.Symbol(&line)
}
