// Package extrautil holds what the extra checks (those beyond ccanlint)
// share: a small C tokenizer that skips comments and keeps string
// literals whole, so that text checks never match inside either, and
// helpers to walk a module's source files.
package extrautil

import "strings"

// Kind is a token's kind.
type Kind int

const (
	Ident  Kind = iota // identifier or keyword
	Number             // preprocessing number
	String             // string literal, with quotes and any prefix
	Char               // character literal
	Punct              // operator or punctuator
)

// Token is one C token.
type Token struct {
	Kind Kind
	Text string
	Line int // 1-based
	// Directive reports whether the token is part of a preprocessor
	// directive line ("#define ...", continuation lines included).
	Directive bool
}

// punctuators longest first, so that the lexer takes the longest match.
var punctuators = []string{
	"<<=", ">>=", "...", "->", "++", "--", "<<", ">>", "<=", ">=", "==", "!=",
	"&&", "||", "*=", "/=", "%=", "+=", "-=", "&=", "^=", "|=", "##",
}

// Tokenize splits C source into tokens, dropping comments and
// whitespace. It never fails: unterminated comments or literals end at
// the end of the input (literals at the end of their line).
func Tokenize(src string) []Token {
	l := &lexer{src: src, line: 1, lineStart: true}
	for l.pos < len(l.src) {
		l.next()
	}
	return l.toks
}

type lexer struct {
	src       string
	pos, line int
	lineStart bool // only blanks so far on this line
	directive bool
	toks      []Token
}

func (l *lexer) emit(k Kind, start, line int) {
	l.toks = append(l.toks, Token{Kind: k, Text: l.src[start:l.pos], Line: line, Directive: l.directive})
	l.lineStart = false
}

func (l *lexer) next() {
	s, c := l.src, l.src[l.pos]
	switch {
	case c == '\n':
		l.pos++
		l.line++
		l.lineStart, l.directive = true, false
	case c == '\\' && strings.HasPrefix(s[l.pos+1:], "\n"):
		l.pos += 2
		l.line++
	case c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v':
		l.pos++
	case strings.HasPrefix(s[l.pos:], "/*"):
		end := strings.Index(s[l.pos+2:], "*/")
		if end < 0 {
			end = len(s) - l.pos - 4
		}
		l.line += strings.Count(s[l.pos:l.pos+end+4], "\n")
		l.pos += end + 4
	case strings.HasPrefix(s[l.pos:], "//"):
		for l.pos < len(s) && s[l.pos] != '\n' {
			l.pos++
		}
	case c == '#' && l.lineStart:
		l.directive = true
		start := l.pos
		l.pos++
		l.emit(Punct, start, l.line)
	case isIdentStart(c):
		l.ident()
	case isDigit(c) || (c == '.' && l.pos+1 < len(s) && isDigit(s[l.pos+1])):
		l.number()
	case c == '"' || c == '\'':
		l.literal(c, l.pos)
	default:
		l.punct()
	}
}

func (l *lexer) ident() {
	start := l.pos
	for l.pos < len(l.src) && (isIdentStart(l.src[l.pos]) || isDigit(l.src[l.pos])) {
		l.pos++
	}
	word := l.src[start:l.pos]
	if l.pos < len(l.src) && (l.src[l.pos] == '"' || l.src[l.pos] == '\'') &&
		(word == "L" || word == "u" || word == "U" || word == "u8") {
		l.literal(l.src[l.pos], start)
		return
	}
	l.emit(Ident, start, l.line)
}

func (l *lexer) number() {
	start := l.pos
	for l.pos < len(l.src) {
		c := l.src[l.pos]
		if (c == '+' || c == '-') && strings.ContainsRune("eEpP", rune(l.src[l.pos-1])) {
			l.pos++
			continue
		}
		if !isIdentStart(c) && !isDigit(c) && c != '.' {
			break
		}
		l.pos++
	}
	l.emit(Number, start, l.line)
}

// literal scans a string or character literal whose quote q is at l.pos
// (start includes any prefix).
func (l *lexer) literal(q byte, start int) {
	line := l.line
	l.pos++
	for l.pos < len(l.src) && l.src[l.pos] != q && l.src[l.pos] != '\n' {
		if l.src[l.pos] == '\\' && l.pos+1 < len(l.src) {
			if l.src[l.pos+1] == '\n' {
				l.line++
			}
			l.pos++
		}
		l.pos++
	}
	if l.pos < len(l.src) && l.src[l.pos] == q {
		l.pos++
	}
	k := String
	if q == '\'' {
		k = Char
	}
	l.emit(k, start, line)
}

func (l *lexer) punct() {
	start := l.pos
	for _, p := range punctuators {
		if strings.HasPrefix(l.src[l.pos:], p) {
			l.pos += len(p)
			l.emit(Punct, start, l.line)
			return
		}
	}
	l.pos++
	l.emit(Punct, start, l.line)
}

func isIdentStart(c byte) bool {
	return c == '_' || c == '$' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || c >= 0x80
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }
