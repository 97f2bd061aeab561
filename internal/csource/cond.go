package csource

import "strings"

// CondKind is the kind of a preprocessor condition.
type CondKind int

const (
	// If is "#if [!]SYM": true when SYM is defined non-zero (inverted
	// with '!').
	If CondKind = iota
	// Ifdef is "#ifdef SYM", "#ifndef SYM" (Inverse) or "#if
	// [!]defined(SYM)".
	Ifdef
	// Unknown is any condition this analysis does not understand.
	Unknown
)

// Cond is one preprocessor condition and those it is nested in.
type Cond struct {
	Parent  *Cond
	Kind    CondKind
	Inverse bool
	Symbol  string // "" for some Unknown conditions
}

// directive applies the preprocessor line to the condition stack cur
// and returns the new innermost condition. Malformed nesting (#else,
// #elif or #endif with nothing open) yields nil, as in the original.
func directive(line string, cur *Cond) *Cond {
	line, _ = StripComments(line, false)
	t := &tokens{s: line}
	t.token("#")
	c := &Cond{Parent: cur, Kind: Ifdef}
	switch {
	case t.token("if"):
		if !parseIf(c, t) {
			return c.unknown()
		}
	case t.token("elif"):
		if cur == nil {
			return nil
		}
		c.Parent = cur.Parent
		if !parseIf(c, t) {
			return c.unknown()
		}
	case t.token("ifdef"):
		if !parseIfdef(c, t) {
			return c.unknown()
		}
	case t.token("ifndef"):
		c.Inverse = true
		if !parseIfdef(c, t) {
			return c.unknown()
		}
	case t.token("else"):
		if cur == nil {
			return nil
		}
		e := *cur
		e.Inverse = !e.Inverse
		return &e
	case t.token("endif"):
		if cur == nil {
			return nil
		}
		return cur.Parent
	default:
		return cur // not a conditional
	}
	if !isEmpty(t.s) {
		return c.unknown()
	}
	return c
}

func (c *Cond) unknown() *Cond {
	c.Kind = Unknown
	return c
}

// parseIfdef reads "[(]SYM[)]" into c.
func parseIfdef(c *Cond, t *tokens) bool {
	brackets := t.token("(")
	c.Symbol = t.symbol()
	return c.Symbol != "" && (!brackets || t.token(")"))
}

// parseIf reads "[!][defined][(]SYM[)]" into c, then, if "||" or "&&"
// follows, the next term into a new condition that is spliced in as
// c's parent. The operator is ignored, and since #endif pops only one
// level, the spliced condition stays on the stack after the #endif (as
// in ccanlint).
func parseIf(c *Cond, t *tokens) bool {
	c.Inverse = t.token("!")
	defined := t.token("defined")
	brackets := t.token("(")
	if c.Symbol = t.symbol(); c.Symbol == "" {
		return false
	}
	if brackets && !t.token(")") {
		return false
	}
	if !defined {
		c.Kind = If
	}
	if t.token("||") || t.token("&&") {
		sub := &Cond{Parent: c.Parent, Kind: Ifdef}
		if parseIf(sub, t) {
			c.Parent = sub
		}
	}
	return true
}

// tokens is ccanlint's crude tokenizer over the rest of a line.
type tokens struct{ s string }

// token consumes tok if the next token equals it. Blanks are skipped
// first (and stay skipped). A word token must match a whole identifier;
// any other token is compared by its bytes.
func (t *tokens) token(tok string) bool {
	t.s = strings.TrimLeft(t.s, " \t")
	n := len(tok)
	if isIdentByte(tok[0]) {
		n = identLen(t.s)
	}
	if n == len(tok) && strings.HasPrefix(t.s, tok) {
		t.s = t.s[n:]
		return true
	}
	return false
}

// symbol consumes and returns the next identifier ("" if none).
func (t *tokens) symbol() string {
	t.s = strings.TrimLeft(t.s, " \t")
	n := identLen(t.s)
	sym := t.s[:n]
	t.s = t.s[n:]
	return sym
}

// Token reports whether the next token of *line (after blanks) is tok,
// and if so consumes it; see ccanlint's get_token. Blanks are consumed
// either way.
func Token(line *string, tok string) bool {
	t := tokens{s: *line}
	ok := t.token(tok)
	*line = t.s
	return ok
}

// Symbol consumes and returns the identifier at the start of *line
// (after blanks), or "" if there is none.
func Symbol(line *string) string {
	t := tokens{s: *line}
	sym := t.symbol()
	*line = t.s
	return sym
}

func identLen(s string) int {
	n := 0
	for n < len(s) && isIdentByte(s[n]) {
		n++
	}
	return n
}

func isIdentByte(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '_'
}
