package testrunsutil

import (
	"strings"
	"testing"
)

const vgLog = `==29469== Conditional jump or move depends on uninitialised value(s)
==29469==    at 0x10918A: main (vg.c:7)
==29469== 
==29469== 20 bytes in 1 blocks are definitely lost in loss record 1 of 2
==29469==    at 0x48417B4: malloc (in vgpreload_memcheck-amd64-linux.so)
==29469==    by 0x109178: main (vg.c:6)
==29469== 
==29469== 8 bytes in 1 blocks are possibly lost in loss record 2 of 2
==29469==    at 0x48417B4: malloc (in vgpreload_memcheck-amd64-linux.so)
==29469== 
==29470== Invalid read of size 1
==29470==    at 0x10918A: child (vg.c:9)
not a valgrind line
`

func TestAnalyzeValgrind(t *testing.T) {
	errs, leaks := AnalyzeValgrind(vgLog)
	wantErrs := `==29469== Conditional jump or move depends on uninitialised value(s)
==29469==    at 0x10918A: main (vg.c:7)
==29470== Invalid read of size 1
==29470==    at 0x10918A: child (vg.c:9)
`
	wantLeaks := `==29469== 20 bytes in 1 blocks are definitely lost in loss record 1 of 2
==29469==    at 0x48417B4: malloc (in vgpreload_memcheck-amd64-linux.so)
==29469==    by 0x109178: main (vg.c:6)
`
	if errs != wantErrs {
		t.Errorf("errors:\n%s\nwant:\n%s", errs, wantErrs)
	}
	if leaks != wantLeaks {
		t.Errorf("leaks:\n%s\nwant:\n%s", leaks, wantLeaks)
	}
	if e, l := AnalyzeValgrind(""); e != "" || l != "" {
		t.Errorf("empty log: %q %q", e, l)
	}
	// Only a possible leak: nothing to report.
	if e, l := AnalyzeValgrind("==1== 8 bytes in 1 blocks are possibly lost in loss record 1 of 1\n==1==    at x\n==1== \n"); e != "" || l != "" {
		t.Errorf("possible leak: %q %q", e, l)
	}
}

const gcovOut = `File '/t/ccan/foo/test/run.c'
Lines executed:100.00% of 12
File '/t/ccan/foo/foo.c'
Lines executed:87.50% of 8
File '/t/ccan/tap/tap.h'
Lines executed:50.00% of 2
File '/t/ccan/foo/test/../foo.h'
Lines executed:50.00% of 4
Lines executed:84.62% of 26
`

func TestParseGcov(t *testing.T) {
	own := func(f string) bool {
		return strings.HasPrefix(f, "/t/ccan/foo/foo") || f == "/t/ccan/foo/test/../foo.h"
	}
	c, err := ParseGcov(gcovOut, own)
	if err != nil {
		t.Fatal(err)
	}
	if c.Lines != 12 || c.Covered != 9 {
		t.Errorf("got %d lines, %v covered; want 12, 9", c.Lines, c.Covered)
	}
	if _, err := ParseGcov("File '/t/ccan/foo/foo.c'\nLines executed:lots\n", own); err == nil {
		t.Error("unparsable line: no error")
	}
}

func TestScoreCoverage(t *testing.T) {
	for _, tc := range []struct {
		covered float32
		want    int
	}{
		{1, 6}, {0.99, 5}, {0.97, 5}, {0.96875, 5}, {0.96, 4}, {0.9375, 4},
		{0.9, 3}, {0.875, 3}, {0.8, 2}, {0.75, 2}, {0.6, 1}, {0.5, 1}, {0.49, 0}, {0, 0},
	} {
		if got := ScoreCoverage(tc.covered, CoverageTotal); got != tc.want {
			t.Errorf("ScoreCoverage(%v) = %d, want %d", tc.covered, got, tc.want)
		}
	}
	// 7 of 8 lines as ccanlint sums it: 87.50% of 8.
	c, _ := ParseGcov("File 'a.c'\nLines executed:87.50% of 8\n", func(string) bool { return true })
	if got := ScoreCoverage(c.Fraction(), CoverageTotal); got != 3 {
		t.Errorf("87.5%%: score %d, want 3", got)
	}
}

func TestFileOptions(t *testing.T) {
	opts := []string{"--child-silent-after-fork=yes", "test/run.c:--track-fds=yes", "test/run-x.c:FAIL"}
	if got := FileOptions(opts, "test/run.c"); strings.Join(got, " ") != "--child-silent-after-fork=yes --track-fds=yes" {
		t.Errorf("run.c: %q", got)
	}
	if got := FileOptions(opts, "test/run-x.c"); !IsFail(got) {
		t.Errorf("run-x.c: %q", got)
	}
}

func TestShellQuote(t *testing.T) {
	for in, want := range map[string]string{"/a/b-c.log": "/a/b-c.log", "a b": "'a b'", "it's": `'it'\''s'`, "": "''"} {
		if got := shellQuote(in); got != want {
			t.Errorf("shellQuote(%q) = %s, want %s", in, got, want)
		}
	}
}
