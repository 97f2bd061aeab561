package doc

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// addFixtureSeeds adds every fixture file as a seed.
func addFixtureSeeds(f *testing.F) {
	for _, p := range fixtureFiles(f) {
		src, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(src)
	}
}

func FuzzParse(f *testing.F) {
	addFixtureSeeds(f)
	f.Fuzz(func(t *testing.T, src []byte) {
		secs, warns := Parse(src)
		n := len(SplitLines(src))
		prev := 0
		for _, s := range secs {
			if s.Line < 1 || s.Line > n || s.Line < prev {
				t.Errorf("section %q at line %d: want 1..%d, not before %d", s.Type, s.Line, n, prev)
			}
			prev = s.Line
			if s.Type == "" {
				t.Errorf("section at line %d has no type", s.Line)
			}
			for _, l := range s.Lines {
				if strings.Contains(l, "\n") {
					t.Errorf("section %q at line %d: line %q contains a newline", s.Type, s.Line, l)
				}
			}
		}
		for _, w := range warns {
			if w.Line < 1 || w.Line > n {
				t.Errorf("warning at line %d, want 1..%d", w.Line, n)
			}
		}
		// A function may have no summary or description left (both are
		// dropped when blank), but its name is always well-formed.
		for _, fn := range Functions(secs) {
			if span(fn, isSummaryByte) != len(fn) || span(fn, isSpace) == len(fn) {
				t.Errorf("bad function name %q", fn)
			}
		}
	})
}

// FuzzUpstream compares Extract with the original doc_extract of
// $CCAN_UPSTREAM_TREE on random files (skipped when unset).
func FuzzUpstream(f *testing.F) {
	bin := filepath.Join(os.Getenv("CCAN_UPSTREAM_TREE"), "tools", "doc_extract")
	if os.Getenv("CCAN_UPSTREAM_TREE") == "" {
		f.Skip("CCAN_UPSTREAM_TREE not set")
	}
	if _, err := os.Stat(bin); err != nil {
		f.Skipf("original doc_extract not built: %v", err)
	}
	addFixtureSeeds(f)
	f.Fuzz(func(t *testing.T, src []byte) {
		file := filepath.Join(t.TempDir(), "f.h")
		if err := os.WriteFile(file, src, 0o666); err != nil {
			t.Fatal(err)
		}
		for _, args := range [][]string{{"all"}, {"functions"}, {"see_also"}} {
			want := runOriginal(t, bin, "", args, []string{file})
			got := runOurs(args, []string{file})
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("doc_extract %q on %q (-want +got):\n%s", args, src, diff)
			}
		}
	})
}
