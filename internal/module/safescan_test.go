package module

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestSafeScan(t *testing.T) {
	const info = `#include "config.h"
#include <ccan/not/this.h>
int main(int argc, char *argv[])
{
	if (strcmp(argv[1], "depends") == 0) {
		printf("ccan/build_assert\n");
		printf("ccan/str/hex\n" "ccan/list\n");
		puts("ccan/");
		printf("ccan/Upper-case\n");
		return 0;
	}
	if (strcmp(argv[1], "testdepends") == 0) {
		printf("ccan/tap\n");
		return 0;
	}
	return 1;
}
ccan/at_line_start
`
	tests := []struct {
		style string
		want  []string
	}{
		// "ccan/list" comes after a literal \n: the scan turns it into a line break.
		{"depends", nil},
		{"testdepends", []string{"ccan/tap", "ccan/at_line_start"}},
		{"other", nil},
	}
	// Expected for depends: build_assert, str/hex, list; the bare ccan/ and
	// the upper-case one (which yields "ccan/") are skipped.
	tests[0].want = []string{"ccan/build_assert", "ccan/str/hex", "ccan/list"}
	for _, tc := range tests {
		got := SafeScan([]byte(info), tc.style)
		if diff := cmp.Diff(tc.want, got); diff != "" {
			t.Errorf("SafeScan(%s) mismatch (-want +got):\n%s", tc.style, diff)
		}
	}
}

func TestSafeScanHashLinesAndQuotes(t *testing.T) {
	src := "#define X \"depends\"\n\"depends\"\nx \"ccan/a_b2/c\" y\nnot \"ccan\"/x\nccan/d-e\n"
	got := SafeScan([]byte(src), "depends")
	want := []string{"ccan/a_b2/c", "ccan/d"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("mismatch (-want +got):\n%s", diff)
	}
}

func FuzzSafeScan(f *testing.F) {
	f.Add([]byte("printf(\"ccan/list\\n\");\n\"depends\"\nccan/x"), "depends")
	f.Add([]byte("\"testdepends\"\n\"ccan/\""), "testdepends")
	f.Fuzz(func(t *testing.T, src []byte, style string) {
		for _, d := range SafeScan(src, style) {
			if !strings.HasPrefix(d, "ccan/") || len(d) <= len("ccan/") {
				t.Fatalf("bad dependency %q", d)
			}
			for i := 0; i < len(d); i++ {
				if !isDepChar(d[i]) {
					t.Fatalf("bad character in %q", d)
				}
			}
		}
	})
}
