package doc

import (
	"bytes"
	"os"
	"strings"
)

// Section is one section of a doc comment.
type Section struct {
	// Function is the name from the most recent summary line ("str/hex",
	// "list_add", "struct list_head"), or "" before any summary line.
	Function string
	// Type is the lower-cased section type: "summary", "description",
	// "example", "license", "see also", ...
	Type string
	// Lines are the section's lines exactly as doc_extract prints them:
	// indentation-normalised, trailing blank lines dropped (except for
	// the "\n" case described in the package doc). No line contains "\n".
	Lines []string
	// Line is the 1-based source line of the summary or header line that
	// started the section.
	Line int
}

// Text returns the section's lines joined with "\n". For a summary or a
// one-line "Header: text" section it is exactly the single string the
// original stores (which ccanlint compares, e.g. the license string).
func (s Section) Text() string { return strings.Join(s.Lines, "\n") }

// Warning is a problem found while extracting doc lines.
type Warning struct {
	Line int    // 1-based source line
	Msg  string // e.g. "Expected ' *' in comment."
}

// msgExpectedStar is the warning for a doc-block line not starting " *".
const msgExpectedStar = "Expected ' *' in comment."

// ParseFile reads the file at path and parses it like [Parse].
func ParseFile(path string) ([]Section, []Warning, error) {
	src, err := os.ReadFile(path)
	if err != nil {
		return nil, nil, err
	}
	secs, warns := Parse(src)
	return secs, warns, nil
}

// Parse extracts the doc sections of a source file. It returns one
// warning per malformed doc line (the original prints only the first
// warning of a process). It never panics.
func Parse(src []byte) ([]Section, []Warning) {
	raw := SplitLines(src)
	lines, warns := grabDoc(raw)
	var p parser
	for _, dl := range lines {
		p.line(dl, raw[dl.src])
	}
	return p.finish(), warns
}

// SplitLines splits src into lines as the original tools do: src is cut
// at its first NUL byte, then split at each "\n"; a final "\n" does not
// start an empty line. Line n (1-based) of a file is SplitLines(src)[n-1].
func SplitLines(src []byte) []string {
	if i := bytes.IndexByte(src, 0); i >= 0 {
		src = src[:i]
	}
	if len(src) == 0 {
		return nil
	}
	lines := strings.Split(string(src), "\n")
	if lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1]
	}
	return lines
}

// docLine is a line extracted from a doc block: its text (which may end
// in "\n"s, see the package doc) and its 0-based source line index.
type docLine struct {
	text string
	src  int
}

// grabDoc extracts the lines inside "/**" ... " */" blocks.
func grabDoc(raw []string) ([]docLine, []Warning) {
	var (
		lines    []docLine
		warns    []Warning
		printing bool
	)
	for i, l := range raw {
		switch {
		case l == "/**":
			printing = true
			if n := len(lines); n > 0 {
				lines[n-1].text += "\n"
			}
		case l == " */":
			printing = false
		case !printing:
		case strings.HasPrefix(l, " * "):
			lines = append(lines, docLine{l[3:], i})
		case strings.HasPrefix(l, " *"):
			lines = append(lines, docLine{l[2:], i})
		default:
			warns = append(warns, Warning{Line: i + 1, Msg: msgExpectedStar})
			lines = append(lines, docLine{l, i})
			if strings.Contains(l, "*/") {
				printing = false
			}
		}
	}
	return lines, warns
}

// parser splits extracted lines into sections. Section lines are kept as
// the original's C strings until finish.
type parser struct {
	secs     []Section
	function string
	cur      *Section // nil: ordinary lines are dropped
}

// line processes one extracted line; raw is its source line.
func (p *parser) line(dl docLine, raw string) {
	if n := summaryLen(dl.text); n > 0 {
		p.function = dl.text[:n]
		p.cur = p.newSection("summary", dl.src)
		p.cur.Lines = append(p.cur.Lines, dl.text[n+3:])
		p.cur = p.newSection("description", dl.src)
	} else if typ, extra, ok := sectionHeader(dl.text); ok {
		p.cur = p.newSection(asciiLower(typ), dl.src)
		if extra != "" {
			p.cur.Lines = append(p.cur.Lines, extra)
			p.cur = nil
		}
	} else if p.cur != nil {
		p.cur.Lines = append(p.cur.Lines, detab(raw))
	}
}

// newSection starts a section, first discarding the previous one if it
// is blank. The returned pointer is valid until the next newSection.
func (p *parser) newSection(typ string, src int) *Section {
	if n := len(p.secs); n > 0 && blankSection(p.secs[n-1]) {
		p.secs = p.secs[:n-1]
	}
	p.secs = append(p.secs, Section{Function: p.function, Type: typ, Line: src + 1})
	return &p.secs[len(p.secs)-1]
}

// finish trims every section and splits lines at embedded newlines.
func (p *parser) finish() []Section {
	for i := range p.secs {
		s := &p.secs[i]
		s.Lines = trimLines(s.Lines)
		if strings.Contains(s.Text(), "\n") {
			s.Lines = strings.Split(s.Text(), "\n")
		}
	}
	return p.secs
}

// summaryLen returns the length of the function name if line is a
// summary line ("<name> - <summary>"), else 0.
func summaryLen(line string) int {
	n := span(line, isSummaryByte)
	if n == 0 || span(line, isSpace) == n {
		return 0
	}
	if !strings.HasPrefix(line[n-1:], " - ") {
		return 0
	}
	return n - 1
}

// sectionHeader matches
// ^([A-Z][a-zA-Z0-9_]*( [A-Z][a-zA-Z0-9_]*)*):[ \t\n]*(.*)
// and returns the first and third groups.
func sectionHeader(line string) (typ, extra string, ok bool) {
	i := 0
	for {
		if i >= len(line) || !isUpper(line[i]) {
			return "", "", false
		}
		i += 1 + span(line[i+1:], isWordByte)
		if i < len(line) && line[i] == ':' {
			break
		}
		if i+1 >= len(line) || line[i] != ' ' {
			return "", "", false
		}
		i++
	}
	typ = line[:i]
	rest := line[i+1:]
	return typ, strings.TrimLeft(rest, " \t\n"), true
}

// detab expands tabs to 8-column stops and cuts the result at the raw
// byte offset just past the first '*' (a raw offset applied to the
// expanded line, as the original does).
func detab(raw string) string {
	var b strings.Builder
	col, off := 0, 0
	for i := 0; i < len(raw); i++ {
		c := raw[i]
		if c == '\t' {
			for {
				b.WriteByte(' ')
				col++
				if col%8 == 0 {
					break
				}
			}
			continue
		}
		b.WriteByte(c)
		if off == 0 && c == '*' {
			off = i + 1
		}
		col++
	}
	return b.String()[off:]
}

// trimLines removes the common space indentation and trailing blank
// lines, exactly as the original's trim_lines.
func trimLines(lines []string) []string {
	trim := -1
	for _, l := range lines {
		n := span(l, isSpace)
		if n < len(l) && (trim < 0 || n < trim) {
			trim = n
		}
	}
	last := -1
	for i, l := range lines {
		n := span(l, isSpace)
		if trim >= 0 && n >= trim {
			n = trim
		}
		lines[i] = l[n:]
		if span(lines[i], isSpaceTab) < len(lines[i]) {
			last = i
		}
	}
	return lines[:last+1]
}

// blankSection reports whether every line of s consists of " \t\n".
func blankSection(s Section) bool {
	for _, l := range s.Lines {
		if strings.TrimLeft(l, " \t\n") != "" {
			return false
		}
	}
	return true
}

// span returns the length of the prefix of s whose bytes satisfy ok.
func span(s string, ok func(byte) bool) int {
	i := 0
	for i < len(s) && ok(s[i]) {
		i++
	}
	return i
}

func isUpper(c byte) bool    { return 'A' <= c && c <= 'Z' }
func isLower(c byte) bool    { return 'a' <= c && c <= 'z' }
func isDigit(c byte) bool    { return '0' <= c && c <= '9' }
func isAlnum(c byte) bool    { return isUpper(c) || isLower(c) || isDigit(c) }
func isWordByte(c byte) bool { return isAlnum(c) || c == '_' }
func isSpace(c byte) bool    { return c == ' ' }
func isSpaceTab(c byte) bool { return c == ' ' || c == '\t' }

// isSummaryByte reports whether c may appear in a summary line's name
// part (the original's IDENT_CHARS plus space and '/').
func isSummaryByte(c byte) bool { return isWordByte(c) || c == ' ' || c == '/' }

// asciiLower lower-cases ASCII letters only, like tolower in the C locale.
func asciiLower(s string) string {
	b := []byte(s)
	for i, c := range b {
		if isUpper(c) {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}
