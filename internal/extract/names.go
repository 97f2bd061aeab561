package extract

import (
	"bytes"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// maxComponent is the longest name one directory entry may have on the
// usual file systems (NAME_MAX).
const maxComponent = 255

// checkName checks an entry's cleaned name; raw is the name as the
// upload gives it, for the message.
func checkName(raw, name string, lim Limits) error {
	if name == "" {
		return invalid(raw, "empty name")
	}
	if err := checkChars(raw, name, "name"); err != nil {
		return err
	}
	if strings.HasPrefix(name, "/") {
		return invalid(raw, "absolute path")
	}
	if len(name) > lim.MaxNameLen {
		return invalid(raw, "name longer than %d bytes", lim.MaxNameLen)
	}
	parts := strings.Split(name, "/")
	for _, p := range parts {
		switch {
		case p == ".." && escapes(name):
			return invalid(raw, "path escapes the upload")
		case p == "..":
			return invalid(raw, `path has a ".." component`)
		case p == "":
			return invalid(raw, `path has an empty component ("//")`)
		case p == ".":
			return invalid(raw, `path has a "." component`)
		case len(p) > maxComponent:
			return invalid(raw, "a path component is longer than %d bytes", maxComponent)
		}
	}
	if len(parts) > lim.MaxDepth {
		return invalid(raw, "nested deeper than %d levels", lim.MaxDepth)
	}
	return nil
}

// checkChars refuses invalid UTF-8, backslashes, and control and
// formatting characters (newline, NUL, right-to-left override ...).
func checkChars(raw, s, what string) error {
	if !utf8.ValidString(s) {
		return invalid(raw, "%s is not valid UTF-8", what)
	}
	for _, r := range s {
		switch {
		case r == 0:
			return invalid(raw, "%s contains a NUL byte", what)
		case r == '\n':
			return invalid(raw, "%s contains a newline", what)
		case r == '\\':
			return invalid(raw, "%s contains a backslash", what)
		case unicode.IsControl(r) || unicode.Is(unicode.Cf, r):
			return invalid(raw, "%s contains the control character %U", what, r)
		}
	}
	return nil
}

// checkTarget checks a symlink's target: text as for names, relative,
// not too long. Whether it stays inside is decided once all entries are
// known.
func checkTarget(raw, target string, lim Limits) error {
	switch {
	case target == "":
		return invalid(raw, "symlink with an empty target")
	case len(target) > lim.MaxNameLen:
		return invalid(raw, "symlink target longer than %d bytes", lim.MaxNameLen)
	}
	if err := checkChars(raw, target, "symlink target"); err != nil {
		return err
	}
	if strings.HasPrefix(target, "/") {
		return invalid(raw, "symlink to the absolute path %s", strconv.Quote(target))
	}
	return nil
}

// escapes reports whether a path relative to the root leaves it
// lexically ("../x", "a/../../x").
func escapes(name string) bool {
	depth := 0
	for _, p := range strings.Split(name, "/") {
		switch p {
		case "", ".":
		case "..":
			if depth--; depth < 0 {
				return true
			}
		default:
			depth++
		}
	}
	return false
}

// magicWords describes what sniff found, for messages.
var magicWords = map[string]string{
	"gzip": "gzip data", "bzip2": "bzip2 data", "zip": "a zip archive", "tar": "a tar archive",
}

// sniff names the kind of data that starts with head: "gzip", "bzip2",
// "zip", "tar" or "" (anything else, such as C source).
func sniff(head []byte) string {
	switch {
	case bytes.HasPrefix(head, []byte{0x1f, 0x8b}):
		return "gzip"
	case bytes.HasPrefix(head, []byte("BZh")) && len(head) > 3 && head[3] >= '1' && head[3] <= '9':
		return "bzip2"
	case bytes.HasPrefix(head, []byte("PK\x03\x04")), bytes.HasPrefix(head, []byte("PK\x05\x06")):
		return "zip"
	case isTar(head):
		return "tar"
	}
	return ""
}

// isTar reports whether head starts with a tar header: the ustar magic,
// or (old v7 tars) a header whose checksum adds up.
func isTar(head []byte) bool {
	if len(head) < 512 {
		return false
	}
	if string(head[257:262]) == "ustar" {
		return true
	}
	field := strings.TrimRight(strings.TrimSpace(string(bytes.TrimRight(head[148:156], "\x00 "))), "\x00")
	want, err := strconv.ParseInt(field, 8, 64)
	if err != nil || want == 0 {
		return false
	}
	var sum int64
	for i, b := range head[:512] {
		if i >= 148 && i < 156 {
			b = ' '
		}
		sum += int64(b)
	}
	return sum == want
}

// nameFormat is the format an upload's name promises, or "".
func nameFormat(name string) string {
	n := strings.ToLower(name)
	for _, s := range []struct{ suffix, format string }{
		{".tar.gz", "tar.gz"}, {".tgz", "tar.gz"},
		{".tar.bz2", "tar.bz2"}, {".tbz2", "tar.bz2"}, {".tbz", "tar.bz2"},
		{".tar", "tar"}, {".zip", "zip"}, {".c", "files"}, {".h", "files"},
	} {
		if strings.HasSuffix(n, s.suffix) {
			return s.format
		}
	}
	return ""
}

// formatMagic is the data each format starts with.
var formatMagic = map[string]string{"tar.gz": "gzip", "tar.bz2": "bzip2", "tar": "tar", "zip": "zip", "files": ""}

// detect decides the format from the name and the first bytes.
func detect(name string, head []byte) (string, error) {
	byName, byMagic := nameFormat(name), sniff(head)
	if byName == "" {
		for f, m := range formatMagic {
			if m == byMagic && m != "" {
				return f, nil
			}
		}
		return "", invalid(name, "not a .tar.gz, .tgz, .tar.bz2, .tar, .zip, .c or .h file")
	}
	if byName == "files" {
		return byName, checkSingle(name, head)
	}
	if want := formatMagic[byName]; want != byMagic {
		got := magicWords[byMagic]
		if got == "" {
			got = "not an archive"
		}
		return "", invalid(name, "named like a .%s file but the content is %s", byName, got)
	}
	return byName, nil
}

// describeKind names a node kind in messages.
func describeKind(k kind) string {
	switch k {
	case kindDir:
		return "directory"
	case kindLink:
		return "symlink"
	}
	return "file"
}
