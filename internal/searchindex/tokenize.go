package searchindex

import (
	"sort"
	"unicode"
	"unicode/utf8"
)

//go:generate go run gentables.go

// Tokenize calls fn with each token of s, as SQLite FTS5's unicode61
// tokenizer (remove_diacritics 1, the default) makes them: ASCII
// letters and digits, and the code points above ASCII that it counts as
// letters or numbers, lower-cased; everything else separates tokens;
// diacritic marks are dropped and accented Latin letters lose their
// accent ("Café" is "cafe"). The token is only valid during the call.
//
// The separators, diacritics and the letters that fold to ASCII come
// from the tokenizer itself (tables.go, written by gentables.go). Other
// letters are lower-cased with unicode.ToLower, which differs from
// unicode61 for a few hundred scripts' letters; since queries are
// ASCII (store.ParseQuery), that never changes what a query matches.
func Tokenize(s string, fn func(tok []byte)) {
	var buf [64]byte
	tok := buf[:0]
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			i++
			switch {
			case 'a' <= c && c <= 'z' || '0' <= c && c <= '9':
				tok = append(tok, c)
			case 'A' <= c && c <= 'Z':
				tok = append(tok, c+'a'-'A')
			case len(tok) > 0:
				fn(tok)
				tok = tok[:0]
			}
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		switch {
		case inRanges(separators[:], r):
			if len(tok) > 0 {
				fn(tok)
				tok = tok[:0]
			}
		case inRanges(diacritics[:], r):
		default:
			tok = utf8.AppendRune(tok, fold(r))
		}
	}
	if len(tok) > 0 {
		fn(tok)
	}
}

// fold lower-cases a token code point above ASCII and removes its accent
// where unicode61 does.
func fold(r rune) rune {
	i := sort.Search(len(asciiFolds), func(i int) bool { return asciiFolds[i].r >= r })
	if i < len(asciiFolds) && asciiFolds[i].r == r {
		return rune(asciiFolds[i].to)
	}
	return unicode.ToLower(r)
}

// inRanges reports whether r is in one of the sorted inclusive ranges.
func inRanges(ranges [][2]rune, r rune) bool {
	i := sort.Search(len(ranges), func(i int) bool { return ranges[i][1] >= r })
	return i < len(ranges) && ranges[i][0] <= r
}
