package extrautil

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// StringLen returns the number of bytes (terminator excluded) of a narrow
// or u8 string literal token such as `"a\tb"`, decoding escapes: simple
// escapes, up to three octal digits and \x hex digits count one byte,
// \u and \U the UTF-8 length of the code point. ok is false for wide
// literals and malformed tokens.
func StringLen(lit string) (n int, ok bool) {
	lit = strings.TrimPrefix(lit, "u8")
	if len(lit) < 2 || lit[0] != '"' || lit[len(lit)-1] != '"' {
		return 0, false
	}
	s := lit[1 : len(lit)-1]
	for i := 0; i < len(s); {
		if s[i] != '\\' || i+1 == len(s) {
			i++
			n++
			continue
		}
		i++
		switch c := s[i]; {
		case c >= '0' && c <= '7':
			for j := 0; j < 3 && i < len(s) && s[i] >= '0' && s[i] <= '7'; j++ {
				i++
			}
			n++
		case c == 'x':
			i++
			for i < len(s) && isHex(s[i]) {
				i++
			}
			n++
		case c == 'u' || c == 'U':
			digits := 4
			if c == 'U' {
				digits = 8
			}
			end := min(i+1+digits, len(s))
			cp, err := strconv.ParseUint(s[i+1:end], 16, 32)
			if err != nil || !utf8.ValidRune(rune(cp)) {
				return 0, false
			}
			n += utf8.RuneLen(rune(cp))
			i = end
		default:
			i++
			n++
		}
	}
	return n, true
}

func isHex(c byte) bool {
	return isDigit(c) || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

// IntValue parses an integer constant token (decimal, octal, hex,
// binary, with any u/l suffix).
func IntValue(num string) (int64, bool) {
	num = strings.TrimRight(num, "uUlL")
	v, err := strconv.ParseInt(num, 0, 64)
	return v, err == nil
}
