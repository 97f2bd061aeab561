package doc

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/rogpeppe/go-internal/txtar"
)

var (
	update     = flag.Bool("update", false, "rewrite testdata/*.golden from this implementation")
	updateOrig = flag.String("update-orig", "", "rewrite testdata/*.golden by running this original doc_extract binary")
)

// goldenTypes are the TYPEs every fixture is run with, besides one
// "--function=NAME all" run per function and one for an unknown name.
var goldenTypes = []string{"all", "functions", "summary", "description", "example",
	"license", "see_also", "see also", "See_Also", "author", "maintainer"}

// multiRuns are the runs over several files stored in testdata/multi.golden.
var multiRuns = []struct{ args, files []string }{
	{[]string{"all"}, []string{"malformed.h", "malformed2.h"}},
	{[]string{"all"}, []string{"info_basic.info", "nodoc.c", "summary_edge.h"}},
	{[]string{"functions"}, []string{"summary_edge.h", "summary_edge.h"}},
	{[]string{"example"}, []string{"argv.h", "info_basic.info"}},
	{[]string{"example"}, []string{"info_basic.info", "argv.h"}},
	{[]string{"--function=str/hex", "all"}, []string{"info_basic.info", "see_also.info"}},
	{[]string{"license"}, []string{"does-not-exist.h"}},
	{[]string{"all"}, []string{"."}},
	{[]string{"--function=x", "all"}, nil},
}

// TestGolden compares Extract with the original's output stored in
// testdata/*.golden: stdout, stderr and exit status. Each fixture
// testdata/F has testdata/F.golden; testdata/multi.golden holds runs over
// several files.
func TestGolden(t *testing.T) {
	for _, f := range fixtureFiles(t) {
		t.Run(filepath.Base(f), func(t *testing.T) {
			checkGolden(t, f+".golden", fixtureRuns(t, f))
		})
	}
	t.Run("multi", func(t *testing.T) {
		var runs []goldenRun
		for _, r := range multiRuns {
			var files []string
			for _, f := range r.files {
				files = append(files, filepath.Join("testdata", f))
			}
			runs = append(runs, goldenRun{r.args, files})
		}
		checkGolden(t, "testdata/multi.golden", runs)
	})
}

// fixtureFiles returns the fixture files: the regular files in testdata
// other than goldens.
func fixtureFiles(t testing.TB) []string {
	entries, err := os.ReadDir("testdata")
	if err != nil {
		t.Fatal(err)
	}
	var files []string
	for _, e := range entries {
		if e.Type().IsRegular() && !strings.HasSuffix(e.Name(), ".golden") {
			files = append(files, filepath.Join("testdata", e.Name()))
		}
	}
	return files
}

// goldenRun is one doc_extract invocation.
type goldenRun struct{ args, files []string }

func (r goldenRun) String() string { return strings.Join(append(r.args, r.files...), " ") }

// fixtureRuns returns the runs for one fixture file.
func fixtureRuns(t *testing.T, file string) []goldenRun {
	var runs []goldenRun
	for _, typ := range goldenTypes {
		runs = append(runs, goldenRun{[]string{typ}, []string{file}})
	}
	secs, _, err := ParseFile(file)
	if err != nil {
		t.Fatal(err)
	}
	for _, fn := range append(Functions(secs), "nosuch") {
		runs = append(runs, goldenRun{[]string{"--function=" + fn, "all"}, []string{file}})
	}
	return runs
}

// checkGolden runs each run with Extract (or, with -update-orig, the
// original) and compares with (or, with -update*, rewrites) golden.
func checkGolden(t *testing.T, golden string, runs []goldenRun) {
	if *update || *updateOrig != "" {
		ar := &txtar.Archive{Comment: []byte("doc_extract runs: stdout, stderr, exit status for each.\n")}
		for _, r := range runs {
			res := runOurs(r.args, r.files)
			if *updateOrig != "" {
				res = runOriginal(t, *updateOrig, "", r.args, r.files)
			}
			ar.Files = append(ar.Files, resultFiles(r, res)...)
		}
		if err := os.WriteFile(golden, txtar.Format(ar), 0o666); err != nil {
			t.Fatal(err)
		}
		return
	}
	ar, err := txtar.ParseFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{}
	for _, f := range ar.Files {
		want[f.Name] = string(f.Data)
	}
	var got, orig []txtar.File
	bin := upstreamBin()
	for _, r := range runs {
		got = append(got, resultFiles(r, runOurs(r.args, r.files))...)
		if bin != "" {
			orig = append(orig, resultFiles(r, runOriginal(t, bin, "", r.args, r.files))...)
		}
	}
	// The goldens must be the original's output.
	for _, f := range orig {
		if diff := cmp.Diff(want[f.Name], string(f.Data)); diff != "" {
			t.Errorf("%s is not the original's output for %s (-golden +original):\n%s", golden, f.Name, diff)
		}
	}
	if len(got) != len(ar.Files) {
		t.Errorf("%s has %d entries, want %d (regenerate with -update-orig)", golden, len(ar.Files), len(got))
	}
	for _, f := range got {
		w, ok := want[f.Name]
		if !ok {
			t.Errorf("%s: no entry %q", golden, f.Name)
			continue
		}
		if diff := cmp.Diff(w, string(f.Data)); diff != "" {
			t.Errorf("%s: %s (-want +got):\n%s", golden, f.Name, diff)
		}
	}
}

// upstreamBin returns the original doc_extract of $CCAN_UPSTREAM_TREE,
// or "" if unset or not built.
func upstreamBin() string {
	tree := os.Getenv("CCAN_UPSTREAM_TREE")
	if tree == "" {
		return ""
	}
	bin := filepath.Join(tree, "tools", "doc_extract")
	if _, err := os.Stat(bin); err != nil {
		return ""
	}
	return bin
}

// resultFiles renders a run's result as txtar entries.
func resultFiles(r goldenRun, res result) []txtar.File {
	return []txtar.File{
		{Name: fmt.Sprintf("%s: stdout", r), Data: []byte(res.Stdout)},
		{Name: fmt.Sprintf("%s: stderr", r), Data: []byte(res.Stderr)},
		{Name: fmt.Sprintf("%s: exit", r), Data: []byte(strconv.Itoa(res.Exit) + "\n")},
	}
}
