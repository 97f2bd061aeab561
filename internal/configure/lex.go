package configure

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// logicalLine is one source line after splicing and comment removal.
type logicalLine struct {
	num  int    // 1-based number of the physical line it starts on
	text string // comments replaced by a space
}

// logicalLines splits src as C translation phases 2 and 3 do: a
// backslash-newline joins lines, and a comment becomes one space (so a
// block comment can join lines too). String and character literals are
// kept verbatim; one left open at the end of a line ends there, as only
// the defines Parse reads are checked strictly.
func logicalLines(src []byte) ([]logicalLine, error) {
	text, lineOf := splice(src)
	var (
		lines []logicalLine
		cur   strings.Builder
		start = 1
	)
	flush := func() {
		lines = append(lines, logicalLine{num: start, text: cur.String()})
		cur.Reset()
	}
	for i := 0; i < len(text); i++ {
		c := text[i]
		switch {
		case c == '\n':
			flush()
			start = lineOf[i] + 1
		case c == '/' && i+1 < len(text) && text[i+1] == '*':
			end := strings.Index(text[i+2:], "*/")
			if end < 0 {
				return nil, fmt.Errorf("line %d: unterminated comment", lineOf[i])
			}
			cur.WriteByte(' ')
			i += 2 + end + 1
		case c == '/' && i+1 < len(text) && text[i+1] == '/':
			cur.WriteByte(' ')
			for i+1 < len(text) && text[i+1] != '\n' {
				i++
			}
		case c == '"' || c == '\'':
			n := literalEnd(text[i:], c)
			cur.WriteString(text[i : i+n])
			i += n - 1
		default:
			cur.WriteByte(c)
		}
	}
	if cur.Len() > 0 {
		flush()
	}
	return lines, nil
}

// splice removes backslash-newline pairs (also before "\r\n") and returns
// the result with the 1-based physical line of every remaining byte.
func splice(src []byte) (string, []int) {
	out := make([]byte, 0, len(src))
	lineOf := make([]int, 0, len(src))
	line := 1
	for i := 0; i < len(src); i++ {
		if src[i] == '\\' {
			if i+1 < len(src) && src[i+1] == '\n' {
				i++
				line++
				continue
			}
			if i+2 < len(src) && src[i+1] == '\r' && src[i+2] == '\n' {
				i += 2
				line++
				continue
			}
		}
		out = append(out, src[i])
		lineOf = append(lineOf, line)
		if src[i] == '\n' {
			line++
		}
	}
	return string(out), lineOf
}

// literalEnd returns the length of the literal opening s (which starts
// with quote), including the closing quote, or up to the end of the line.
func literalEnd(s string, quote byte) int {
	for i := 1; i < len(s); i++ {
		switch s[i] {
		case '\\':
			if i+1 < len(s) && s[i+1] != '\n' {
				i++
			}
		case quote:
			return i + 1
		case '\n':
			return i
		}
	}
	return len(s)
}

// decodeLiteral decodes the C string literal opening s and returns its
// bytes and the literal's length in s.
func decodeLiteral(s string) (string, int, error) {
	var out []byte
	for i := 1; i < len(s); i++ {
		switch c := s[i]; c {
		case '"':
			return string(out), i + 1, nil
		case '\\':
			b, n, err := decodeEscape(s[i+1:])
			if err != nil {
				return "", 0, err
			}
			out = append(out, b...)
			i += n
		default:
			out = append(out, c)
		}
	}
	return "", 0, fmt.Errorf("unterminated string literal")
}

// simpleEscape maps the letter after a backslash to its byte.
func simpleEscape(c byte) (byte, bool) {
	i := strings.IndexByte(`abfnrtv\'"?`, c)
	if i < 0 {
		return 0, false
	}
	return "\a\b\f\n\r\t\v\\'\"?"[i], true
}

// decodeEscape decodes the escape sequence whose text (after the
// backslash) opens s, returning its bytes and the length consumed.
func decodeEscape(s string) ([]byte, int, error) {
	if s == "" {
		return nil, 0, fmt.Errorf("unterminated string literal")
	}
	if b, ok := simpleEscape(s[0]); ok {
		return []byte{b}, 1, nil
	}
	switch c := s[0]; {
	case '0' <= c && c <= '7':
		v, n := 0, 0
		for n < 3 && n < len(s) && '0' <= s[n] && s[n] <= '7' {
			v = v*8 + int(s[n]-'0')
			n++
		}
		if v > 0xff {
			return nil, 0, fmt.Errorf("octal escape \\%s out of range", s[:n])
		}
		return []byte{byte(v)}, n, nil
	case c == 'x':
		v, n := 0, 1
		for n < len(s) && hexVal(s[n]) >= 0 {
			v = v*16 + hexVal(s[n])
			n++
			if v > 0xff {
				return nil, 0, fmt.Errorf("hex escape \\%s out of range", s[:n])
			}
		}
		if n == 1 {
			return nil, 0, fmt.Errorf("\\x without hex digits")
		}
		return []byte{byte(v)}, n, nil
	case c == 'u' || c == 'U':
		width := 4
		if c == 'U' {
			width = 8
		}
		v := 0
		for n := 1; n <= width; n++ {
			if n >= len(s) || hexVal(s[n]) < 0 {
				return nil, 0, fmt.Errorf("\\%c needs %d hex digits", c, width)
			}
			v = v*16 + hexVal(s[n])
		}
		if !utf8.ValidRune(rune(v)) {
			return nil, 0, fmt.Errorf("\\%s is not a valid character", s[:width+1])
		}
		return utf8.AppendRune(nil, rune(v)), width + 1, nil
	}
	r, _ := utf8.DecodeRuneInString(s)
	return nil, 0, fmt.Errorf("unknown escape \\%q", r)
}

// hexVal returns the value of hex digit c, or -1.
func hexVal(c byte) int {
	switch {
	case '0' <= c && c <= '9':
		return int(c - '0')
	case 'a' <= c && c <= 'f':
		return int(c-'a') + 10
	case 'A' <= c && c <= 'F':
		return int(c-'A') + 10
	}
	return -1
}
