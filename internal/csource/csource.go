// Package csource is a rough, line-based analysis of C source files, as
// ccanlint does it: each line is classified as preprocessor directive,
// code, doc comment or plain comment, and carries the chain of
// preprocessor conditions (#if/#ifdef/#ifndef/#elif/#else) it sits
// under. It is not a preprocessor: it handles the neat code found in
// CCAN modules and reproduces the original's simplifications (see
// Analyze).
package csource

import "strings"

// LineType classifies one source line.
type LineType int

const (
	Preproc LineType = iota // the line starts with '#' (after blanks)
	Code                    // anything that is not only comment
	Doc                     // part of a /** ... */ doc comment
	Comment                 // only comment or blank
)

var lineTypeNames = [...]string{"preproc", "code", "doc", "comment"}

func (t LineType) String() string {
	if t >= 0 && int(t) < len(lineTypeNames) {
		return lineTypeNames[t]
	}
	return "LineType(?)"
}

// Line is what Analyze found about one line.
type Line struct {
	Type LineType
	// Continued reports whether the previous line ended in '\', so this
	// line continues it (and has its type).
	Continued bool
	// Cond is the innermost condition in force on this line (nil =
	// unconditional). Conditions are shared: lines under the same
	// directive have the same *Cond.
	Cond *Cond
}

// IdentChars are the characters of a C identifier.
const IdentChars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_"

// Analyze classifies lines (a file split with doc.SplitLines) and
// records the preprocessor conditions over each.
//
// As in ccanlint: a line ending in '\' continues onto the next, which
// takes its type; comments are found with a plain search for "/*", "//"
// and "*/" (ignoring string literals); a blank line or a line holding only
// comment is Doc if it starts with "/**" or continues a doc comment,
// otherwise Comment; conditions understood are #ifdef SYM, #ifndef SYM,
// #if [!][defined][(]SYM[)] and #elif of the same form, optionally
// followed by || or && and another such term; anything else is a
// condition of Unknown kind. Terms joined by ||/&& are chained as extra
// levels (a simplification of the original that #endif only partly
// undoes: see parseIf).
func Analyze(lines []string) []Line {
	info := make([]Line, len(lines))
	var cond *Cond
	continued, inComment := false, false
	for i, l := range lines {
		info[i].Cond = cond
		info[i].Continued = continued
		switch {
		case continued:
			info[i].Type = info[i-1].Type
			_, inComment = StripComments(l, inComment)
		case !inComment && strings.HasPrefix(strings.TrimLeft(l, " \t"), "#"):
			info[i].Type = Preproc
			cond = directive(l, cond)
		default:
			stillDoc := inComment && i > 0 && info[i-1].Type == Doc
			var p string
			p, inComment = StripComments(l, inComment)
			switch {
			case !isEmpty(p):
				info[i].Type = Code
			case strings.HasPrefix(l, "/**") || stillDoc:
				info[i].Type = Doc
			default:
				info[i].Type = Comment
			}
		}
		continued = strings.HasSuffix(l, "\\")
	}
	return info
}

// StripComments removes comments from line, given whether it starts
// inside a /* */ comment, and reports whether the line ends inside one.
// Comment markers are found by plain search, as ccanlint does.
func StripComments(line string, inComment bool) (string, bool) {
	var b strings.Builder
	for {
		if !inComment {
			old := strings.Index(line, "/*")
			nw := strings.Index(line, "//")
			if old < 0 && nw < 0 {
				b.WriteString(line)
				return b.String(), false
			}
			if nw >= 0 && (old < 0 || nw < old) {
				b.WriteString(line[:nw])
				return b.String(), false
			}
			b.WriteString(line[:old])
			line = line[old+2:]
			inComment = true
		}
		end := strings.Index(line, "*/")
		if end < 0 {
			return b.String(), true
		}
		line = line[end+2:]
		inComment = false
	}
}

func isEmpty(s string) bool { return strings.Trim(s, " \r\t") == "" }
