// Package unterminatedinit implements the unterminated_init extra check:
// char arrays initialised from string literals keep their terminator.
//
// C accepts `char s[3] = "abc";` and silently drops the terminating NUL
// (only a literal longer still is an error), so s is not a string and
// passing it to a str* function reads past its end. The check reports
// every declaration of a char array with an explicit integer size N
// initialised by a string literal (or by one in braces, or by adjacent
// literals) whose length, escapes decoded, is N or more. Write `char
// s[] = "abc";` or make room for the terminator; if the array really is
// not a string, initialise it with a brace list of characters.
package unterminatedinit

import (
	"fmt"

	"github.com/ccan-archive/ccan/internal/lint"
	"github.com/ccan-archive/ccan/internal/lint/checks/infoexists"
	"github.com/ccan-archive/ccan/internal/lint/extrautil"
)

// Check is the unterminated_init check.
var Check = &lint.Check{
	Name:     "unterminated_init",
	Title:    "Module's char arrays initialised from strings have room for the terminator",
	Doc:      "char x[N] = \"...\" with N or more characters drops the NUL terminator.",
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
		for i := range f.Toks {
			if msg := check(f.Toks, i); msg != "" {
				found = append(found, extrautil.Finding{File: f.Name, Line: f.Toks[i].Line, Message: msg})
			}
		}
	}
	extrautil.Report(pass, found)
	return nil, nil
}

// check looks at toks[i] as the name of a declaration `name [ N ] = init`
// and returns a complaint, or "".
func check(toks []extrautil.Token, i int) string {
	text := func(j int) string {
		if j < len(toks) && !toks[j].Directive {
			return toks[j].Text
		}
		return ""
	}
	if toks[i].Kind != extrautil.Ident || toks[i].Directive || text(i+1) != "[" || text(i+3) != "]" || text(i+4) != "=" {
		return ""
	}
	size, ok := extrautil.IntValue(text(i + 2))
	if !ok || toks[i+2].Kind != extrautil.Number || !charType(toks, i) {
		return ""
	}
	n, ok := initLen(toks, i+5)
	if !ok || int64(n) < size {
		return ""
	}
	return fmt.Sprintf("%s[%d] is initialised with a %d-character string: no room for its terminating NUL", toks[i].Text, size, n)
}

// charType reports whether the declaration of the name at toks[i] has
// element type char (not a pointer).
func charType(toks []extrautil.Token, i int) bool {
	isChar := false
	for j := i - 1; j >= 0; j-- {
		switch t := toks[j]; {
		case t.Directive, t.Text == ";", t.Text == "{", t.Text == "}", t.Text == ",", t.Text == "(":
			return isChar
		case t.Text == "*":
			return false
		case t.Text == "char":
			isChar = true
		}
	}
	return isChar
}

// initLen returns the total length of the string initializer starting
// at toks[j]: adjacent literals, optionally in braces, then ';' or ','.
func initLen(toks []extrautil.Token, j int) (int, bool) {
	brace := j < len(toks) && toks[j].Text == "{"
	if brace {
		j++
	}
	n, lits := 0, 0
	for ; j < len(toks) && toks[j].Kind == extrautil.String; j++ {
		l, ok := extrautil.StringLen(toks[j].Text)
		if !ok {
			return 0, false
		}
		n += l
		lits++
	}
	if brace {
		if j < len(toks) && toks[j].Text == "," {
			j++
		}
		if j >= len(toks) || toks[j].Text != "}" {
			return 0, false
		}
		j++
	}
	if lits == 0 || j >= len(toks) || (toks[j].Text != ";" && toks[j].Text != ",") {
		return 0, false
	}
	return n, true
}
