package examplesrun

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestScan(t *testing.T) {
	tests := []struct {
		input, pattern string
		want           []string
		ok             bool
	}{
		{`outputs "hello"`, `outputs "%s"`, []string{"hello"}, true},
		{`OUTPUTS   "a" "b"`, `outputs "%s"`, []string{`a" "b`}, true},
		{`outputs "x" `, `outputs "%s"`, nil, false},
		{`outputs 1 2`, `outputs %s`, []string{"1 2"}, true},
		{`given "in" outputs "x"`, `given "%s" %s`, []string{"in", `outputs "x"`}, true},
		{`outputs ""`, `outputs "%s"`, nil, false},
		{`outputs`, `outputs %s`, nil, false},
	}
	for _, tt := range tests {
		got, ok := scan(tt.input, tt.pattern)
		if ok != tt.ok || !cmp.Equal(got, tt.want) {
			t.Errorf("scan(%q, %q) = %q, %v; want %q, %v", tt.input, tt.pattern, got, ok, tt.want, tt.ok)
		}
	}
}

func TestFindExpect(t *testing.T) {
	lines := []string{
		"int main(void)",
		"\t// Outputs \"a b\"",
		"// plain comment",
		"// given \"x\" output contains y  z",
		"// output is wrong",
	}
	i, e, bad := findExpect(lines, 0)
	if i != 1 || bad || e == nil || e.expect != "a b" || !e.whitespace || e.contains || e.input != nil {
		t.Fatalf("first = %d %+v %v", i, e, bad)
	}
	i, e, bad = findExpect(lines, i+1)
	if i != 3 || bad || e == nil || e.expect != "y  z" || e.whitespace || !e.contains || *e.input != "x" {
		t.Fatalf("second = %d %+v %v", i, e, bad)
	}
	i, _, bad = findExpect(lines, i+1)
	if i != 4 || !bad {
		t.Fatalf("third = %d %v, want malformed line 4", i, bad)
	}
	if i, e, bad = findExpect(lines, 5); i != 5 || e != nil || bad {
		t.Fatalf("end = %d %+v %v", i, e, bad)
	}
}
