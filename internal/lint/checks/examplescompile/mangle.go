package examplescompile

import (
	"fmt"
	"strings"
)

// This file holds ccanlint's heuristics for turning a documentation
// example into a program: guessing whether the lines belong inside a
// function, merging an example with the previous one, and wrapping it
// with headers and a main(). They are deliberately primitive; the point
// is to agree with the original about which examples compile.

const identChars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_0123456789"

// prepended is the comment combine puts on a merged example; mangle
// takes it as a sign the code is not inside a function.
const prepended = "didn't seem to belong inside a function"

// looksInternal guesses whether lines are statements that belong inside
// a function, and says why.
func looksInternal(lines []string) (bool, string) {
	lastEnded := true // did the last line finish a statement?
	for _, l := range lines {
		line := l[span(l, " \t"):]
		n := span(line, identChars)
		if line == "" || isSpace(line[0]) || strings.HasPrefix(line, "//") || strings.HasPrefix(line, "#line") {
			continue
		}
		for _, kw := range []string{"if", "for", "while", "do"} {
			if strings.HasPrefix(line, kw) && n == len(kw) {
				return true, "starts with " + kw
			}
		}
		if strings.HasPrefix(line, "#include") {
			return false, "starts with #include"
		}
		if lastEnded && strings.Contains(line, "(") {
			if strings.HasPrefix(line, "static") {
				return false, "starts with static and contains ("
			}
			if strings.HasSuffix(line, ")") {
				return false, "contains ( and ends with )"
			}
		}
		if strings.Contains(line, prepended) {
			return false, "Comment said so"
		}
		if lastEnded && n > 0 && isPunct(at(line, n+span(line[n:], " "))) {
			return true, "starts with identifier then punctuation"
		}
		lastEnded = strings.HasSuffix(line, "}") || strings.HasSuffix(line, ";") ||
			strings.HasSuffix(line, "*/") || line == "..."
	}
	return true, "gave no clues"
}

// combine merges the previous compiled example prev into lines: at the
// start when lines look internal or have no "..." line, else just after
// the first "...". It returns nil when there is no previous example.
func combine(lines, prev []string) []string {
	if prev == nil {
		return nil
	}
	internal, why := looksInternal(lines)
	count := 0
	var reasoning string
	switch {
	case internal:
		reasoning = "seemed to belong inside a function"
	default:
		for count < len(lines) && lines[count] != "..." {
			count++
		}
		if count == len(lines) {
			count = 0
			reasoning = prepended + ", so we prepended the previous example"
		} else {
			count++
			reasoning = prepended + ", so we put the previous example at the first ..."
		}
	}
	out := make([]string, 0, 1+len(lines)+len(prev))
	out = append(out, fmt.Sprintf("/* The example %s, thus %s */", why, reasoning))
	out = append(out, lines[:count]...)
	out = append(out, prev...)
	return append(out, lines[count:]...)
}

// stripComment cuts a line at its first "/*", or else its first "//".
func stripComment(line string) string {
	if i := strings.Index(line, "/*"); i >= 0 {
		return line[:i]
	}
	if i := strings.Index(line, "//"); i >= 0 {
		return line[:i]
	}
	return line
}

func mainStart(why string) string {
	return "/* The example " + why + ", so fake function wrapper inserted */\n" +
		"int main(int argc, char *argv[])\n{\n"
}

// header is what every mangled example starts with.
func header(modname, basename string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "/* Include header from module. */\n#include <ccan/%s/%s.h>\n", modname, basename)
	b.WriteString("/* Prepend a heap of headers. */\n")
	for _, h := range []string{"assert", "err", "errno", "fcntl", "limits", "stdbool", "stdint",
		"stdio", "stdlib", "string", "sys/stat", "sys/types", "unistd"} {
		fmt.Fprintf(&b, "#include <%s.h>\n", h)
	}
	b.WriteString("/* Useful dummy functions. */\n" +
		"extern int somefunc(void);\n" +
		"int somefunc(void) { return 0; }\n" +
		"extern char somestring[];\n" +
		"char somestring[] = \"hello world\";\n")
	return b.String()
}

// mangler tracks where mangle is in the example.
type mangler struct {
	out                                         strings.Builder
	inFunction, fakeFunction, hasMain, fakeMain bool
	useFuncs                                    string
}

func (m *mangler) startMain(why string) {
	m.out.WriteString(mainStart(why))
	m.fakeFunction, m.inFunction, m.hasMain, m.fakeMain = true, true, true, true
}

// mangle turns example lines into a program that has a chance to
// compile: headers and dummies first, the lines wrapped in main() when
// they look like statements, "..." lines removed, static functions
// referenced so they do not warn, and a main() added if missing.
func mangle(modname, basename string, lines []string) string {
	var m mangler
	m.out.WriteString(header(modname, basename))
	if internal, why := looksInternal(lines); internal {
		m.startMain(why)
	} else {
		m.out.WriteString("/* The example " + why + ", so didn't wrap in main() */\n")
	}
	for i, l := range lines {
		m.line(lines, i, stripComment(l))
		if stripComment(l) == "..." {
			continue
		}
		m.out.WriteString(l + "\n")
	}
	m.finish()
	return m.out.String()
}

// line updates the function tracking for line i (comment stripped) and
// handles a "..." elision.
func (m *mangler) line(lines []string, i int, line string) {
	if m.inFunction {
		if strings.HasPrefix(line, "}") {
			m.inFunction = false
		}
	} else if line != "" && !isSpace(line[0]) && strings.Contains(line, "(") &&
		!strings.Contains(line, ";") && !strings.Contains(line, "//") {
		m.inFunction = true
		if strings.HasPrefix(line, "int main") {
			m.hasMain = true
		}
		if strings.HasPrefix(line, "static") {
			m.useFuncs = addFunc(m.useFuncs, line)
		}
	}
	if line != "..." {
		return
	}
	if !m.inFunction && !m.hasMain {
		// Elided code followed by statements: a function starts here.
		if internal, why := looksInternal(lines[i+1:]); internal {
			m.startMain(why)
		}
	}
	m.out.WriteString("/* ... removed */\n")
}

func (m *mangler) finish() {
	if !m.hasMain {
		m.out.WriteString("/* Need a main to link successfully. */\nint main(int argc, char *argv[])\n{\n")
		m.fakeFunction, m.fakeMain = true, true
	}
	if m.useFuncs != "" {
		m.out.WriteString("/* Get rid of unused warnings by printing addresses of static funcs. */\n")
		if !m.fakeFunction {
			m.out.WriteString("int use_funcs(void);\nint use_funcs(void) {\n")
			m.fakeFunction = true
		}
		m.out.WriteString("\t" + m.useFuncs + "\n")
	}
	if m.fakeMain {
		m.out.WriteString("(void)argc; (void)argv;\n")
	}
	if m.fakeFunction {
		m.out.WriteString("return 0;\n}\n")
	}
}

// addFunc appends a printf of the address of the function that the
// definition line declares (the identifier before its first '(').
func addFunc(others, line string) string {
	end := strings.IndexByte(line, '(') - 1
	if end < 0 {
		return others
	}
	for isSpace(line[end]) {
		end--
		if end <= 0 {
			return others
		}
	}
	p := end
	for isAlnum(line[p]) || line[p] == '_' {
		if p == 0 {
			return others
		}
		p--
	}
	return others + fmt.Sprintf("printf(\"%%p\", %s);\n", line[p+1:end+1])
}

// hasExpectedOutput reports whether an example has a "// given ..."
// line: such a complete program is not merged into later examples.
func hasExpectedOutput(lines []string) bool {
	for _, l := range lines {
		p := l[span(l, " \t"):]
		if !strings.HasPrefix(p, "//") {
			continue
		}
		p = p[span(p, "/ "):]
		if len(p) >= 5 && strings.EqualFold(p[:5], "given") {
			return true
		}
	}
	return false
}

// span is C's strspn.
func span(s, set string) int {
	i := 0
	for i < len(s) && strings.IndexByte(set, s[i]) >= 0 {
		i++
	}
	return i
}

func at(s string, i int) byte {
	if i < len(s) {
		return s[i]
	}
	return 0
}

func isSpace(c byte) bool { return c == ' ' || ('\t' <= c && c <= '\r') }
func isAlnum(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
}
func isPunct(c byte) bool { return c > ' ' && c < 0x7f && !isAlnum(c) }
