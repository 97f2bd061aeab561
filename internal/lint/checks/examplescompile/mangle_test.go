package examplescompile

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestLooksInternal(t *testing.T) {
	tests := []struct {
		lines    string
		internal bool
		why      string
	}{
		{"#line 3 \"x\"\nif (x)\n\tfoo();", true, "starts with if"},
		{"for (;;)\n\tbreak;", true, "starts with for"},
		{"while (1);", true, "starts with while"},
		{"do {\n} while (0);", true, "starts with do"},
		{"done = 1;", true, "starts with identifier then punctuation"},
		{"#include <stdio.h>\nint main(void)", false, "starts with #include"},
		{"static void f(int x)\n{", false, "starts with static and contains ("},
		{"int main(int argc, char *argv[])\n{", false, "contains ( and ends with )"},
		{"/* The example x, thus didn't seem to belong inside a function, so we prepended */", false, "Comment said so"},
		{"struct foo {\n\tint x;\n};", true, "gave no clues"},
		{"ifdef", true, "gave no clues"},
		{"// if it\n", true, "gave no clues"},
		{"int x =\n  f(1);", true, "gave no clues"},
	}
	for _, tt := range tests {
		internal, why := looksInternal(strings.Split(tt.lines, "\n"))
		if internal != tt.internal || why != tt.why {
			t.Errorf("looksInternal(%q) = %v, %q; want %v, %q", tt.lines, internal, why, tt.internal, tt.why)
		}
	}
}

func TestCombine(t *testing.T) {
	prev := []string{"#line 1 \"a\"", "struct s x;", ""}
	tests := []struct {
		lines, want []string
	}{
		{[]string{"x.a = 1;"}, []string{
			"/* The example starts with identifier then punctuation, thus seemed to belong inside a function */",
			"#line 1 \"a\"", "struct s x;", "", "x.a = 1;"}},
		{[]string{"#include <a.h>", "...", "int main(void)"}, []string{
			"/* The example starts with #include, thus didn't seem to belong inside a function, so we put the previous example at the first ... */",
			"#include <a.h>", "...", "#line 1 \"a\"", "struct s x;", "", "int main(void)"}},
		{[]string{"#include <a.h>"}, []string{
			"/* The example starts with #include, thus didn't seem to belong inside a function, so we prepended the previous example */",
			"#line 1 \"a\"", "struct s x;", "", "#include <a.h>"}},
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.want, combine(tt.lines, prev)); diff != "" {
			t.Errorf("combine(%q) (-want +got):\n%s", tt.lines, diff)
		}
	}
	if got := combine([]string{"x"}, nil); got != nil {
		t.Errorf("combine without previous = %q, want nil", got)
	}
}

func TestMangle(t *testing.T) {
	lines := []string{
		"#line 5 \"/m/_info\"",
		"static int helper(int x) // comment",
		"{",
		"\treturn x;",
		"}",
		"...",
		"\thelper(1);",
		"",
	}
	got := mangle("foo/bar", "bar", lines)
	want := header("foo/bar", "bar") +
		"/* The example starts with static and contains (, so didn't wrap in main() */\n" +
		"#line 5 \"/m/_info\"\n" +
		"static int helper(int x) // comment\n{\n\treturn x;\n}\n" +
		"/* The example starts with identifier then punctuation, so fake function wrapper inserted */\n" +
		"int main(int argc, char *argv[])\n{\n" +
		"/* ... removed */\n" +
		"\thelper(1);\n\n" +
		"/* Get rid of unused warnings by printing addresses of static funcs. */\n" +
		"\tprintf(\"%p\", helper);\n\n" +
		"(void)argc; (void)argv;\nreturn 0;\n}\n"
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("mangle (-want +got):\n%s", diff)
	}
	if !strings.HasPrefix(got, "/* Include header from module. */\n#include <ccan/foo/bar/bar.h>\n") {
		t.Errorf("mangle does not start with the module header:\n%s", got)
	}
}

func TestMangleAddsMain(t *testing.T) {
	got := mangle("m", "m", []string{"#include <stdio.h>", "int x;"})
	if !strings.HasSuffix(got, "int x;\n/* Need a main to link successfully. */\nint main(int argc, char *argv[])\n{\n(void)argc; (void)argv;\nreturn 0;\n}\n") {
		t.Errorf("mangle did not add main():\n%s", got)
	}
}

func TestAddFunc(t *testing.T) {
	if got, want := addFunc("", "static void *list_top_ (const struct list_head *h)"), "printf(\"%p\", list_top_);\n"; got != want {
		t.Errorf("addFunc = %q, want %q", got, want)
	}
}

func TestHasExpectedOutput(t *testing.T) {
	if !hasExpectedOutput([]string{"\t// Given \"x\" outputs \"y\""}) {
		t.Error("given line not seen")
	}
	if hasExpectedOutput([]string{"// outputs \"y\""}) {
		t.Error("outputs line taken for given")
	}
}
