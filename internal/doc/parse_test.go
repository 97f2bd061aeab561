package doc

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestSplitLines(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"", nil},
		{"\n", []string{""}},
		{"a", []string{"a"}},
		{"a\nb\n", []string{"a", "b"}},
		{"a\n\n", []string{"a", ""}},
		{"a\r\nb", []string{"a\r", "b"}},
		{"a\nb\x00c\nd", []string{"a", "b"}},
		{"\x00a", nil},
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.want, SplitLines([]byte(tt.in))); diff != "" {
			t.Errorf("SplitLines(%q) (-want +got):\n%s", tt.in, diff)
		}
	}
}

func TestParse(t *testing.T) {
	tests := []struct {
		name      string
		src       string
		want      []Section
		wantWarns []Warning
	}{{
		name: "info",
		src:  "#include <x>\n/**\n * str/hex - encode\n *\n * Text.\n *\n * Example:\n *\tint x;\n *\n * License: MIT\n * dropped\n */\n",
		want: []Section{
			{Function: "str/hex", Type: "summary", Lines: []string{"encode"}, Line: 3},
			{Function: "str/hex", Type: "description", Lines: []string{"", "Text."}, Line: 3},
			{Function: "str/hex", Type: "example", Lines: []string{"int x;"}, Line: 7},
			{Function: "str/hex", Type: "license", Lines: []string{"MIT"}, Line: 10},
		},
	}, {
		name: "newline appended before the next block",
		src:  "/**\n * a - one\n * License: MIT\n */\n/**\n * b - two\n */\n",
		want: []Section{
			{Function: "a", Type: "summary", Lines: []string{"one"}, Line: 2},
			{Function: "a", Type: "license", Lines: []string{"MIT", ""}, Line: 3},
			{Function: "b", Type: "summary", Lines: []string{"two"}, Line: 6},
			{Function: "b", Type: "description", Line: 6},
		},
	}, {
		name: "malformed line",
		src:  "/**\n * a - one\noops */\n * gone\n",
		want: []Section{
			{Function: "a", Type: "summary", Lines: []string{"one"}, Line: 2},
			{Function: "a", Type: "description", Lines: []string{"/"}, Line: 2},
		},
		wantWarns: []Warning{{Line: 3, Msg: "Expected ' *' in comment."}},
	}, {
		name: "tab before the star",
		src:  "/**\n * a - one\n\t * x\n */\n",
		want: []Section{
			{Function: "a", Type: "summary", Lines: []string{"one"}, Line: 2},
			{Function: "a", Type: "description", Lines: []string{"* x"}, Line: 2},
		},
		wantWarns: []Warning{{Line: 3, Msg: "Expected ' *' in comment."}},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, warns := Parse([]byte(tt.src))
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("sections (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.wantWarns, warns); diff != "" {
				t.Errorf("warnings (-want +got):\n%s", diff)
			}
		})
	}
}
