// Package strcmpbool implements the strcmp_bool extra check: strcmp is
// not used as a truth value.
//
// strcmp returns 0 for equal strings, so `if (strcmp(a, b))` means "if
// different" and `!strcmp(a, b)` means "if equal": easy to read
// backwards. ccan/str's streq(a, b) says what is meant. Reported forms,
// in the module's .c and .h files: !strcmp(...), strcmp(...) == 0 or
// != 0 (either way round), strcmp(...) as a whole if/while condition,
// and strcmp(...) as an operand of && or || or before ?. The body of a
// function named streq (the definition itself) is exempt.
package strcmpbool

import (
	"github.com/ccan-archive/ccan/internal/lint"
	"github.com/ccan-archive/ccan/internal/lint/checks/infoexists"
	"github.com/ccan-archive/ccan/internal/lint/extrautil"
)

// Check is the strcmp_bool check.
var Check = &lint.Check{
	Name:     "strcmp_bool",
	Title:    "Module uses streq rather than strcmp as a boolean",
	Doc:      "strcmp used as a truth value reads backwards; use streq() from ccan/str.",
	Extra:    true,
	Requires: []*lint.Check{infoexists.Check},
	Run:      run,
}

func run(pass *lint.Pass) (any, error) {
	files, err := extrautil.Sources(pass.Unit, true)
	if err != nil {
		return nil, err
	}
	var found []extrautil.Finding
	for _, f := range files {
		for i, t := range f.Toks {
			if t.Kind != extrautil.Ident || t.Text != "strcmp" || t.Directive {
				continue
			}
			if fn, ok := extrautil.Enclosing(f.Funcs, i); ok && fn.Name == "streq" {
				continue
			}
			if use := booleanUse(f.Toks, i); use != "" {
				found = append(found, extrautil.Finding{File: f.Name, Line: t.Line,
					Message: "strcmp() used as a boolean: use " + use + " (ccan/str)"})
			}
		}
	}
	extrautil.Report(pass, found)
	return nil, nil
}

// booleanUse says how the strcmp at toks[i] is used as a truth value:
// "streq()" or "!streq()" for the replacement, "" if it is not.
func booleanUse(toks []extrautil.Token, i int) string {
	at := func(j int) string {
		if j < 0 || j >= len(toks) {
			return ""
		}
		return toks[j].Text
	}
	if at(i+1) != "(" {
		return ""
	}
	next := extrautil.MatchParen(toks, i+1) + 1
	prev := i - 1
	switch {
	case at(prev) == "!":
		return "streq()"
	case at(next) == "==" && at(next+1) == "0", at(prev) == "==" && at(prev-1) == "0":
		return "streq()"
	case at(next) == "!=" && at(next+1) == "0", at(prev) == "!=" && at(prev-1) == "0":
		return "!streq()"
	case at(prev) == "(" && (at(prev-1) == "if" || at(prev-1) == "while") && at(next) == ")":
		return "!streq()"
	case compares(at(prev)) || compares(at(next)):
		return ""
	case at(prev) == "&&" || at(prev) == "||" || at(next) == "&&" || at(next) == "||" || at(next) == "?":
		return "!streq()"
	}
	return ""
}

// compares reports whether op compares its operands' values (so strcmp's
// result is used as a number).
func compares(op string) bool {
	switch op {
	case "==", "!=", "<", ">", "<=", ">=", "+", "-", "*", "/", "%", "&", "|", "^", "<<", ">>":
		return true
	}
	return false
}
