package examplesrun

import "strings"

// scan matches input against a pattern in the manner of ccanlint's
// scan_for: a space in pattern swallows one or more blanks, other bytes
// match case-insensitively, and each "%s" captures the shortest
// non-empty text that lets the rest match. The whole input must match.
func scan(input, pattern string) ([]string, bool) {
	if input == "" || pattern == "" {
		return nil, input == pattern
	}
	switch {
	case isSpace(pattern[0]):
		for input != "" && isSpace(input[0]) {
			input = input[1:]
			if caps, ok := scan(input, pattern[1:]); ok {
				return caps, true
			}
		}
		return nil, false
	case pattern[0] != '%':
		if upper(input[0]) != upper(pattern[0]) {
			return nil, false
		}
		return scan(input[1:], pattern[1:])
	}
	for n := 1; n <= len(input); n++ {
		if caps, ok := scan(input[n:], pattern[2:]); ok {
			return append([]string{input[:n]}, caps...), true
		}
	}
	return nil, false
}

// expectation is one expected-output comment of an example.
type expectation struct {
	input      *string // given input, nil for none
	expect     string
	contains   bool // substring match rather than equality
	whitespace bool // compare exactly, rather than whitespace-normalised
}

// findExpect looks from line i on for an expectation comment. It returns
// the line it stopped at, the expectation, and bad when that line is
// malformed; i == len(lines) means there is none.
func findExpect(lines []string, i int) (int, *expectation, bool) {
	for ; i < len(lines); i++ {
		p := strings.TrimLeft(lines[i], " \t")
		if !strings.HasPrefix(p, "//") {
			continue
		}
		p = strings.TrimLeft(p, "/ ")
		var e expectation
		if hasPrefixFold(p, "given") {
			caps, ok := scan(p, `given "%s" %s`)
			if !ok {
				return i, nil, true
			}
			e.input, p = &caps[0], caps[1]
		}
		forms := []struct {
			pattern              string
			whitespace, contains bool
		}{
			{`outputs "%s"`, true, false},
			{`output contains "%s"`, true, true},
			{`outputs %s`, false, false},
			{`output contains %s`, false, true},
		}
		for _, f := range forms {
			if caps, ok := scan(p, f.pattern); ok {
				e.expect, e.whitespace, e.contains = caps[0], f.whitespace, f.contains
				return i, &e, false
			}
		}
		if e.input != nil || hasPrefixFold(p, "output") {
			return i, nil, true
		}
	}
	return i, nil, false
}

func hasPrefixFold(s, prefix string) bool {
	if len(s) < len(prefix) {
		return false
	}
	for i := 0; i < len(prefix); i++ {
		if upper(s[i]) != upper(prefix[i]) {
			return false
		}
	}
	return true
}

func upper(c byte) byte {
	if 'a' <= c && c <= 'z' {
		return c - 'a' + 'A'
	}
	return c
}

func isSpace(c byte) bool { return c == ' ' || ('\t' <= c && c <= '\r') }
