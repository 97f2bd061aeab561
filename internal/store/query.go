package store

import (
	"strings"
	"unicode"

	"github.com/ccan-archive/ccan/internal/derrors"
)

// Query limits.
const (
	MaxQueryLen   = 256 // bytes
	MaxQueryTerms = 8
	maxTermLen    = 64
)

// Query is a parsed search query, shared by every backend.
type Query struct {
	// Name is the query as a module name candidate: trimmed, lower-cased,
	// without a "ccan/" prefix ("str/hex"). "" when it cannot be a name.
	Name string
	// Terms are the words to look for, lower-cased, each made of
	// letters, digits and '_' only (so a backend may quote them in any
	// query language). At most MaxQueryTerms, none empty.
	Terms []string
}

// ParseQuery parses a user's search string. Words are split on anything
// that is not a letter, digit or '_' (so "list_add", "str/hex" and
// "ccan/list" all work); an empty result is a query with no terms.
// Over-long input is derrors.InvalidArgument.
func ParseQuery(s string) (*Query, error) {
	if len(s) > MaxQueryLen {
		return nil, derrors.Errorf(derrors.InvalidArgument, "search query longer than %d bytes", MaxQueryLen)
	}
	s = strings.ToLower(strings.TrimSpace(s))
	q := &Query{}
	if name := strings.TrimPrefix(s, "ccan/"); CheckModuleName(name) == nil {
		q.Name = name
	}
	seen := map[string]bool{}
	for _, w := range strings.FieldsFunc(s, notWordRune) {
		if w == "ccan" && len(q.Terms) == 0 && strings.HasPrefix(s, "ccan/") {
			continue
		}
		if len(w) > maxTermLen {
			w = w[:maxTermLen]
		}
		if seen[w] || len(q.Terms) == MaxQueryTerms {
			continue
		}
		seen[w] = true
		q.Terms = append(q.Terms, w)
	}
	return q, nil
}

// Empty reports whether q matches nothing.
func (q *Query) Empty() bool { return len(q.Terms) == 0 && q.Name == "" }

func notWordRune(r rune) bool {
	return !(r < unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r)) || r == '_')
}
