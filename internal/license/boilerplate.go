package license

import "strings"

// Simplify reduces text as ccanlint does before searching it for
// boilerplate: the text is cut at its first NUL byte, ASCII letters are
// lower-cased, letters and digits are kept, each run of white space
// becomes one space (none at the start), and every other byte is
// dropped.
func Simplify(text string) string {
	if i := strings.IndexByte(text, 0); i >= 0 {
		text = text[:i]
	}
	var b strings.Builder
	b.Grow(len(text))
	space := true // no leading space
	for i := 0; i < len(text); i++ {
		c := text[i]
		switch {
		case 'A' <= c && c <= 'Z':
			b.WriteByte(c + 'a' - 'A')
		case 'a' <= c && c <= 'z', '0' <= c && c <= '9':
			b.WriteByte(c)
		case c == ' ', '\t' <= c && c <= '\r':
			if !space {
				b.WriteByte(' ')
			}
			space = true
			continue
		default:
			continue
		}
		space = false
	}
	return b.String()
}

// HasBoilerplate reports whether simplified text (see Simplify) holds
// all of l's boilerplate clauses. A license without clauses (public
// domain, unknown) is trivially found, as in the original.
func (l License) HasBoilerplate(simplified string) bool {
	for _, c := range l.info().clauses {
		if !strings.Contains(simplified, c) {
			return false
		}
	}
	return true
}

// DetectBoilerplate returns the first license, in License order, whose
// boilerplate appears in text, and false if none does. Public domain
// and unknown licenses have no boilerplate and are never returned.
func DetectBoilerplate(text string) (License, bool) {
	s := Simplify(text)
	for _, l := range All[:PublicDomain] {
		if l.HasBoilerplate(s) {
			return l, true
		}
	}
	return Unknown, false
}
