package module

import "strings"

// SafeScan extracts CCAN dependencies from the text of an _info file
// without compiling it, exactly as the original safe mode does: literal
// backslash-n sequences become line breaks; lines that start with '#' are
// skipped; a line containing "testdepends" (with the quotes) switches to
// test-dependency mode and one containing "depends" to dependency mode;
// in the requested mode (style "depends" or "testdepends") every line that
// starts with ccan/, or contains "ccan/ after a quote, yields the run of
// [a-z0-9_/] characters from ccan/ on (a bare "ccan/" is ignored).
func SafeScan(src []byte, style string) []string {
	text := strings.ReplaceAll(string(src), `\n`, "\n")
	var deps []string
	correct := false
	for _, line := range strings.Split(text, "\n") {
		if strings.HasPrefix(line, "#") {
			continue
		}
		if strings.Contains(line, `"testdepends"`) {
			correct = style == "testdepends"
		} else if strings.Contains(line, `"depends"`) {
			correct = style == "depends"
		}
		if !correct {
			continue
		}
		str := line
		if !strings.HasPrefix(line, "ccan/") {
			i := strings.Index(line, `"ccan/`)
			if i < 0 {
				continue
			}
			str = line[i+1:]
		}
		n := 0
		for n < len(str) && isDepChar(str[n]) {
			n++
		}
		if n == len("ccan/") {
			continue
		}
		deps = append(deps, str[:n])
	}
	return deps
}

func isDepChar(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_' || c == '/'
}
