package doc

import (
	"errors"
	"io"
	"io/fs"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestSelect(t *testing.T) {
	secs := []Section{
		{Function: "", Type: "example", Lines: []string{"a"}},
		{Function: "f", Type: "summary", Lines: []string{"s"}},
		{Function: "f", Type: "see also", Lines: []string{"x"}},
		{Function: "g", Type: "see_also", Lines: []string{"y"}},
		{Function: "g", Type: "see also_x", Lines: []string{"z"}},
		{Function: "g", Type: "example", Lines: []string{"b"}},
	}
	tests := []struct {
		typ, function string
		want          []string // first lines
	}{
		{"see_also", "", []string{"x", "y"}},
		{"see also", "g", []string{"y"}},
		{"see-also", "f", []string{"x"}},
		{"see", "", nil},
		{"See_Also", "", nil},
		{"example", "", []string{"a", "b"}},
		{"example", "f", nil},
		{"", "", nil},
	}
	for _, tt := range tests {
		var got []string
		for _, s := range Select(secs, tt.typ, tt.function) {
			got = append(got, s.Lines[0])
		}
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("Select(%q, %q) (-want +got):\n%s", tt.typ, tt.function, diff)
		}
	}
}

func TestFunctions(t *testing.T) {
	secs, _ := Parse([]byte("/**\n * License: X\n * a - 1\n * a - 2\n * struct b - 3\n * Example:\n * a - 4\n */\n"))
	want := []string{"a", "struct b", "a"}
	if diff := cmp.Diff(want, Functions(secs)); diff != "" {
		t.Errorf("Functions (-want +got):\n%s", diff)
	}
}

func TestTypeMatch(t *testing.T) {
	tests := []struct {
		typ, mem string
		want     bool
	}{
		{"see also", "see_also\x00f.h\x00", true},
		{"see also", "see\x00also\x00", true}, // reads into the next argument
		{"see also", "see\x00f.h\x00", false},
		{"example", "example\x00", true},
		{"example", "Example\x00", false},
		{"example_", "example\x00", true},
		{"example_", "example\x00f\x00", false},
		{"example", "example_\x00", false},
		{"a_", "a", true}, // past the end counts as NUL
	}
	for _, tt := range tests {
		if got := typeMatch(tt.typ, tt.mem); got != tt.want {
			t.Errorf("typeMatch(%q, %q) = %v, want %v", tt.typ, tt.mem, got, tt.want)
		}
	}
}

func TestExtractErrors(t *testing.T) {
	err := Extract(io.Discard, io.Discard, "all", "", []string{"testdata/does-not-exist"})
	if !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("missing file: got %v, want fs.ErrNotExist", err)
	}
	if got, want := err.Error(), "Reading file testdata/does-not-exist: No such file or directory"; got != want {
		t.Errorf("missing file: got %q, want %q", got, want)
	}
	err = Extract(io.Discard, io.Discard, "all", "", []string{"testdata/nodoc.c"})
	var nd *NoDocError
	if !errors.As(err, &nd) || nd.File != "testdata/nodoc.c" {
		t.Errorf("no doc: got %v, want *NoDocError", err)
	}
}
