package doc

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestUpstreamTree compares Extract with the original doc_extract over
// every _info and top-level module header of an original CCAN checkout
// named by $CCAN_UPSTREAM_TREE (with tools/doc_extract built).
func TestUpstreamTree(t *testing.T) {
	tree := os.Getenv("CCAN_UPSTREAM_TREE")
	if tree == "" {
		t.Skip("CCAN_UPSTREAM_TREE not set")
	}
	bin := filepath.Join(tree, "tools", "doc_extract")
	if _, err := os.Stat(bin); err != nil {
		t.Skipf("original doc_extract not built: %v", err)
	}
	var files []string
	for _, pat := range []string{"ccan/*/_info", "ccan/*/*/_info", "ccan/*/*.h", "ccan/*/*/*.h"} {
		m, err := filepath.Glob(filepath.Join(tree, pat))
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, m...)
	}
	if len(files) == 0 {
		t.Fatalf("no files found under %s", tree)
	}
	runs, mismatches := 0, 0
	compare := func(args, files []string) result {
		runs++
		want := runOriginal(t, bin, "", args, files)
		got := runOurs(args, files)
		if diff := cmp.Diff(want, got); diff != "" {
			mismatches++
			t.Errorf("doc_extract %q %q mismatch (-want +got):\n%s", args, files, diff)
		}
		return want
	}
	var documented []string
	for _, f := range files {
		if compare([]string{"all"}, []string{f}).Exit == 0 {
			documented = append(documented, f)
		}
		compare([]string{"functions"}, []string{f})
	}
	// All documented files in one run: the warning is printed once per
	// process, and TYPE matching sees the file names after TYPE.
	for _, typ := range []string{"all", "functions", "summary", "description", "license", "see_also", "example", "author"} {
		compare([]string{typ}, documented)
	}
	t.Logf("compared %d files (%d with doc sections), %d runs, %d mismatches",
		len(files), len(documented), runs, mismatches)
}

// TestUpstreamRandom compares Extract with the original doc_extract of
// $CCAN_UPSTREAM_TREE on files assembled at random from doc-comment
// fragments (a fixed seed, so failures reproduce).
func TestUpstreamRandom(t *testing.T) {
	bin := upstreamBin()
	if bin == "" {
		t.Skip("CCAN_UPSTREAM_TREE not set or tools/doc_extract not built")
	}
	pieces := []string{"/**", " */", " * ", " *", "*", "\t", " ", "  ", "*/", "\r", "-", " - ",
		"foo", "Foo", "struct s", "a/b", "_", "9", ":", "Example:", "See also:", "License: MIT",
		"Foo Bar: x", "x - y", "é", "\x00", "\\", "/", "Note", "\t * ", " * Example:\t"}
	rng := rand.New(rand.NewPCG(1, 2))
	dir := t.TempDir()
	const n = 1000
	for i := 0; i < n; i++ {
		var b strings.Builder
		for l := rng.IntN(12); l >= 0; l-- {
			for p := rng.IntN(5); p >= 0; p-- {
				b.WriteString(pieces[rng.IntN(len(pieces))])
			}
			if rng.IntN(8) != 0 {
				b.WriteByte('\n')
			}
		}
		file := filepath.Join(dir, fmt.Sprintf("f%d.h", i))
		if err := os.WriteFile(file, []byte(b.String()), 0o666); err != nil {
			t.Fatal(err)
		}
		for _, args := range [][]string{{"all"}, {"functions"}, {"--function=foo", "all"}} {
			want := runOriginal(t, bin, "", args, []string{file})
			got := runOurs(args, []string{file})
			if diff := cmp.Diff(want, got); diff != "" {
				t.Fatalf("doc_extract %q on %q (-want +got):\n%s", args, b.String(), diff)
			}
		}
	}
}
