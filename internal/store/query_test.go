package store

import (
	"errors"
	"strings"
	"testing"

	"github.com/ccan-archive/ccan/internal/derrors"
	"github.com/google/go-cmp/cmp"
)

func TestParseQuery(t *testing.T) {
	tests := []struct {
		in   string
		want Query
	}{
		{"list", Query{Name: "list", Terms: []string{"list"}}},
		{"  CCAN/Str/Hex ", Query{Name: "str/hex", Terms: []string{"str", "hex"}}},
		{"list_add", Query{Name: "list_add", Terms: []string{"list_add"}}},
		{"hash table", Query{Terms: []string{"hash", "table"}}},
		{`"quoted" OR NEAR(x)`, Query{Terms: []string{"quoted", "or", "near", "x"}}},
		{"a a a", Query{Terms: []string{"a"}}},
		{"***", Query{}},
		{"", Query{}},
		{"héllo", Query{Terms: []string{"h", "llo"}}},
	}
	for _, tt := range tests {
		got, err := ParseQuery(tt.in)
		if err != nil {
			t.Fatalf("ParseQuery(%q): %v", tt.in, err)
		}
		if diff := cmp.Diff(&tt.want, got, cmp.Comparer(func(a, b []string) bool {
			return strings.Join(a, " ") == strings.Join(b, " ")
		})); diff != "" {
			t.Errorf("ParseQuery(%q) (-want +got):\n%s", tt.in, diff)
		}
	}
	if _, err := ParseQuery(strings.Repeat("x", MaxQueryLen+1)); !errors.Is(err, derrors.InvalidArgument) {
		t.Errorf("long query: err = %v, want InvalidArgument", err)
	}
}

func FuzzQuery(f *testing.F) {
	for _, s := range []string{"list", "ccan/str/hex", `"a" OR b*`, "NEAR(a b)", "\x00", "ünï"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		q, err := ParseQuery(s)
		if err != nil {
			if len(s) <= MaxQueryLen {
				t.Fatalf("ParseQuery(%q): %v", s, err)
			}
			return
		}
		if len(q.Terms) > MaxQueryTerms {
			t.Fatalf("%d terms", len(q.Terms))
		}
		for _, w := range q.Terms {
			if w == "" || len(w) > maxTermLen || strings.IndexFunc(w, notWordRune) >= 0 {
				t.Fatalf("bad term %q from %q", w, s)
			}
		}
		if q.Name != "" && CheckModuleName(q.Name) != nil {
			t.Fatalf("bad name %q from %q", q.Name, s)
		}
	})
}
