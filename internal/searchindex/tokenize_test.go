package searchindex

import (
	"context"
	"database/sql"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/ccan-archive/ccan/internal/searchindex/fts5probe"
	"github.com/google/go-cmp/cmp"

	_ "modernc.org/sqlite"
)

func tokens(s string) []string {
	var out []string
	Tokenize(s, func(tok []byte) { out = append(out, string(tok)) })
	return out
}

func TestTokenize(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want []string
	}{
		{"", nil},
		{"list_add(head, n)", []string{"list", "add", "head", "n"}},
		{"ccan/str/hex: Hex-encode UTF8 strings.", []string{"ccan", "str", "hex", "hex", "encode", "utf8", "strings"}},
		{"Café NAÏVE Ærø straße", []string{"cafe", "naive", "ærø", "straße"}},
		{"a\u0301b x²y ½", []string{"ab", "x²y", "½"}}, // a combining accent is dropped; ² and ½ are numbers
		{"\u0301 \xff\xfe ok", []string{"ok"}},         // nothing left of a lone accent; invalid UTF-8 separates
		{"İstanbul KELVIN\u212A", []string{"istanbul", "kelvink"}},
	} {
		if got := tokens(tc.in); !cmp.Equal(got, tc.want) {
			t.Errorf("Tokenize(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// TestTokenizeMatchesFTS5 checks every code point against SQLite's
// unicode61 tokenizer itself: whether it separates tokens, is dropped
// or is part of one, and for letters that fold to ASCII, what they
// fold to (other letters only need to stay out of ASCII).
func TestTokenizeMatchesFTS5(t *testing.T) {
	if testing.Short() {
		t.Skip("probes 1.1 million code points")
	}
	kinds, err := fts5probe.Probe(context.Background(), openSQLite(t))
	if err != nil {
		t.Fatal(err)
	}
	bad := 0
	for c, k := range kinds {
		got := tokens("q" + string(c) + "z")
		ok := false
		switch {
		case k.Class == fts5probe.Separator:
			ok = cmp.Equal(got, []string{"q", "z"})
		case k.Class == fts5probe.Dropped:
			ok = cmp.Equal(got, []string{"qz"})
		case k.Fold[0] < utf8.RuneSelf:
			ok = cmp.Equal(got, []string{"q" + k.Fold + "z"})
		default: // lower-cased by Go's rules: only not ASCII
			ok = len(got) == 1 && len(got[0]) > 2 && got[0][0] == 'q' && got[0][1] >= utf8.RuneSelf && got[0][len(got[0])-1] == 'z'
		}
		if !ok {
			if bad++; bad < 20 {
				t.Errorf("%U: Tokenize gives %q, unicode61 %+v", c, got, k)
			}
		}
	}
}

// FuzzTokenize compares Tokenize with unicode61 on any valid UTF-8
// text, through an FTS5 table's vocabulary.
func FuzzTokenize(f *testing.F) {
	for _, s := range []string{"list_add(head)", "Café naïve", "a\u0301b", "x²y ½ 漢字テスト", "İ\u212A", "\u0300\u0300"} {
		f.Add(s)
	}
	db := openSQLite(f)
	for _, q := range []string{
		`CREATE VIRTUAL TABLE tok USING fts5(body, tokenize = 'unicode61')`,
		`CREATE VIRTUAL TABLE tok_vocab USING fts5vocab(tok, instance)`,
	} {
		if _, err := db.Exec(q); err != nil {
			f.Fatal(err)
		}
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := tokens(s) // must not panic, even on invalid UTF-8
		if !utf8.ValidString(s) || strings.ContainsRune(s, 0) {
			return // SQLite reads invalid UTF-8 and NUL its own way
		}
		if _, err := db.Exec(`DELETE FROM tok; INSERT INTO tok(rowid, body) VALUES (1, ?)`, s); err != nil {
			t.Fatal(err)
		}
		rows, err := db.Query(`SELECT term FROM tok_vocab ORDER BY offset`)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		var want []string
		for rows.Next() {
			var tok string
			if err := rows.Scan(&tok); err != nil {
				t.Fatal(err)
			}
			want = append(want, tok)
		}
		if len(got) != len(want) {
			t.Fatalf("Tokenize(%q) = %q, unicode61 %q", s, got, want)
		}
		for i := range got {
			// Letters above ASCII may fold differently (see Tokenize);
			// ASCII must agree.
			if ascii(got[i]) != ascii(want[i]) {
				t.Fatalf("Tokenize(%q) = %q, unicode61 %q", s, got, want)
			}
		}
	})
}

// ascii keeps the ASCII bytes of s, marking where others were.
func ascii(s string) string {
	return strings.Map(func(r rune) rune {
		if r < utf8.RuneSelf {
			return r
		}
		return '\uFFFD'
	}, s)
}

// openSQLite returns an in-memory SQLite database on one connection.
func openSQLite(t testing.TB) *sql.DB {
	t.Helper()
	db, err := sql.Open("sqlite", ":memory:")
	if err != nil {
		t.Fatal(err)
	}
	db.SetMaxOpenConns(1)
	t.Cleanup(func() { db.Close() })
	return db
}
