package configure

import (
	"fmt"
	"strconv"
	"strings"
)

// Parse reads a config.h written by Header or by the original
// configurator. It takes CCAN_COMPILER and CCAN_CFLAGS (C string literals,
// escapes decoded, adjacent literals joined) and every object-like
// "#define HAVE_X <integer>" (any C integer literal; non-zero is true) in
// file order, except HAVE_CCAN, which Header always writes. Comments and
// line splices are handled as a C preprocessor would; everything else,
// including conditionals, is ignored. It fails on an unterminated comment,
// a malformed string or integer in a define it reads, a duplicate
// definition, or when CCAN_COMPILER or CCAN_CFLAGS is missing.
func Parse(src []byte) (cfg *Config, err error) {
	defer func() {
		if err != nil {
			err = fmt.Errorf("configure.Parse: %w", err)
		}
	}()
	lines, err := logicalLines(src)
	if err != nil {
		return nil, err
	}
	p := &parser{cfg: &Config{}, seen: map[string]bool{}}
	for _, l := range lines {
		if err := p.line(l.text); err != nil {
			return nil, fmt.Errorf("line %d: %w", l.num, err)
		}
	}
	for _, name := range []string{"CCAN_COMPILER", "CCAN_CFLAGS"} {
		if !p.seen[name] {
			return nil, fmt.Errorf("no %s definition", name)
		}
	}
	return p.cfg, nil
}

// parser accumulates the definitions Parse cares about.
type parser struct {
	cfg  *Config
	seen map[string]bool // names defined so far
}

// line handles one logical line, comments already removed.
func (p *parser) line(text string) error {
	rest, ok := strings.CutPrefix(trimSpace(text), "#")
	if !ok {
		return nil
	}
	rest = trimSpace(rest)
	word, rest := identPrefix(rest)
	if word != "define" || (rest != "" && !isSpace(rest[0])) {
		return nil
	}
	name, rest := identPrefix(trimSpace(rest))
	if name == "" {
		return fmt.Errorf("#define without a macro name")
	}
	if strings.HasPrefix(rest, "(") { // function-like: not a setting
		return nil
	}
	body := trimSpace(rest)
	isHave := strings.HasPrefix(name, "HAVE_") && name != "HAVE_CCAN"
	if name != "CCAN_COMPILER" && name != "CCAN_CFLAGS" && !isHave {
		return nil
	}
	if p.seen[name] {
		return fmt.Errorf("%s defined twice", name)
	}
	p.seen[name] = true
	if isHave {
		v, err := parseInt(body)
		if err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
		p.cfg.Values = append(p.cfg.Values, Result{Name: name, Value: v != 0})
		return nil
	}
	s, err := parseStrings(body)
	if err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	if name == "CCAN_COMPILER" {
		p.cfg.Compiler = s
	} else {
		p.cfg.CFlags = s
	}
	return nil
}

// isSpace reports whether c is white space inside a C directive.
func isSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\f' || c == '\v' || c == '\r'
}

// trimSpace removes directive white space from both ends of s.
func trimSpace(s string) string {
	return strings.Trim(s, " \t\f\v\r")
}

// identPrefix splits s into its leading C identifier and the rest.
func identPrefix(s string) (ident, rest string) {
	n := 0
	for n < len(s) && isIdentByte(s[n], n == 0) {
		n++
	}
	return s[:n], s[n:]
}

// parseInt reads a C integer literal with an optional sign and suffix.
func parseInt(body string) (uint64, error) {
	if body == "" {
		return 0, fmt.Errorf("no value")
	}
	s := strings.TrimLeft(body, "+-")
	if len(body)-len(s) > 1 {
		return 0, fmt.Errorf("value %q is not an integer", body)
	}
	s = strings.TrimRight(s, "uUlL")
	if len(s) == 0 || len(body)-len(s) > 4 {
		return 0, fmt.Errorf("value %q is not an integer", body)
	}
	digits, base := s, 10
	switch {
	case len(s) > 2 && (s[:2] == "0x" || s[:2] == "0X"):
		digits, base = s[2:], 16
	case len(s) > 2 && (s[:2] == "0b" || s[:2] == "0B"):
		digits, base = s[2:], 2
	case len(s) > 1 && s[0] == '0':
		digits, base = s[1:], 8
	}
	n, err := strconv.ParseUint(digits, base, 64)
	if err != nil {
		return 0, fmt.Errorf("value %q is not an integer", body)
	}
	return n, nil
}

// parseStrings decodes one or more adjacent C string literals.
func parseStrings(body string) (string, error) {
	var out strings.Builder
	rest := body
	for first := true; first || rest != ""; first = false {
		if rest == "" || rest[0] != '"' {
			return "", fmt.Errorf("value %q is not a string literal", body)
		}
		s, n, err := decodeLiteral(rest)
		if err != nil {
			return "", err
		}
		out.WriteString(s)
		rest = trimSpace(rest[n:])
	}
	return out.String(), nil
}
