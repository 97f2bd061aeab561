package store

import (
	"strings"

	"github.com/ccan-archive/ccan/internal/derrors"
)

// MaxNameLen bounds module and junkcode names.
const MaxNameLen = 128

// CheckModuleName returns derrors.InvalidArgument unless name is a
// plausible module name: one or two "/"-separated components of ASCII
// letters, digits, '_', '-' and '+', not starting with '-' or '+'.
func CheckModuleName(name string) error {
	if name == "" || len(name) > MaxNameLen {
		return derrors.Errorf(derrors.InvalidArgument, "module name %.80q: bad length", name)
	}
	parts := strings.Split(name, "/")
	if len(parts) > 2 {
		return derrors.Errorf(derrors.InvalidArgument, "module name %.80q: too many components", name)
	}
	for _, p := range parts {
		if !validComponent(p, "_-+") {
			return derrors.Errorf(derrors.InvalidArgument, "module name %.80q: bad component %q", name, p)
		}
	}
	return nil
}

// CheckJunkName is like CheckModuleName for junkcode directory names,
// which are "<email>-<name>": one component that may also hold '@' and '.'.
func CheckJunkName(name string) error {
	if len(name) > MaxNameLen || !validComponent(name, "_-+@.") || strings.Contains(name, "..") {
		return derrors.Errorf(derrors.InvalidArgument, "junkcode name %.80q", name)
	}
	return nil
}

// CheckVersion returns derrors.InvalidArgument for an unusable version
// string ("" is allowed by callers that mean "latest").
func CheckVersion(v string) error {
	if v == "" || len(v) > 64 || !validComponent(v, "._-+~") {
		return derrors.Errorf(derrors.InvalidArgument, "version %.80q", v)
	}
	return nil
}

// CheckPath returns derrors.InvalidArgument unless p is a clean,
// relative, slash-separated file path.
func CheckPath(p string) error {
	if p == "" || len(p) > 1024 || strings.HasPrefix(p, "/") || strings.Contains(p, "\\") || strings.ContainsRune(p, 0) {
		return derrors.Errorf(derrors.InvalidArgument, "path %.80q", p)
	}
	for _, c := range strings.Split(p, "/") {
		if c == "" || c == "." || c == ".." {
			return derrors.Errorf(derrors.InvalidArgument, "path %.80q", p)
		}
	}
	return nil
}

func validComponent(s, extra string) bool {
	if s == "" || strings.ContainsRune("-+.", rune(s[0])) {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || strings.IndexByte(extra, c) >= 0) {
			return false
		}
	}
	return true
}
