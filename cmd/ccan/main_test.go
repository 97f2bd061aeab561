package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"testing"

	"github.com/ccan-archive/ccan/internal/cli"
	"github.com/ccan-archive/ccan/internal/lint/linttest"
)

// starterCopy copies the starter archive into a temp dir (so tests can
// write config.h or new modules) and returns the tree directory.
func starterCopy(t *testing.T) string {
	t.Helper()
	_, file, _, _ := runtime.Caller(0)
	src := filepath.Join(filepath.Dir(file), "..", "..", "modules")
	dst := t.TempDir()
	if out, err := exec.Command("cp", "-a", src+"/.", dst).CombinedOutput(); err != nil {
		t.Fatalf("cp: %v\n%s", err, out)
	}
	return dst
}

// run runs ccan in-process with args from dir and returns its exit
// status, stdout and stderr.
func run(t *testing.T, dir string, args ...string) (int, string, string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	env := &cli.Env{
		Stdout: &stdout, Stderr: &stderr, Stdin: strings.NewReader(""), Dir: dir,
		Getenv: func(k string) string {
			if k == "CCAN_CACHE" {
				return linttest.CacheDir()
			}
			return os.Getenv(k)
		},
	}
	code := app().Main(context.Background(), env, args)
	return code, stdout.String(), stderr.String()
}

func TestHelpAndUsage(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		args     []string
		code     int
		inStdout string
		inStderr string
	}{
		{[]string{"help"}, 0, "The commands are:", ""},
		{[]string{"help", "depends"}, 0, "usage: ccan depends", ""},
		{[]string{"help", "modules"}, 0, "_info", ""},
		{[]string{"help", "nosuch"}, 2, "", "unknown help topic"},
		{[]string{}, 2, "", "Usage:"},
		{[]string{"bogus"}, 2, "", "unknown command"},
		{[]string{"depends"}, 2, "", "need exactly one MODULE"},
		{[]string{"depends", "--bogus", "x"}, 2, "", "flag provided but not defined"},
		{[]string{"depends", "--safe", "--non-ccan", "x"}, 2, "", "cannot be combined"},
		{[]string{"info", "no/such/module"}, 1, "", "no such module"},
		{[]string{"doc", "summary"}, 2, "", "need a FIELD"},
		{[]string{"new", "Bad-Name"}, 2, "", "invalid module name"},
		{[]string{"lint", "-x", "nosuch"}, 2, "", "unknown check"},
		{[]string{"depends", "-h"}, 0, "usage: ccan depends", ""},
	}
	for _, tc := range tests {
		code, stdout, stderr := run(t, dir, tc.args...)
		if code != tc.code || !strings.Contains(stdout, tc.inStdout) || !strings.Contains(stderr, tc.inStderr) {
			t.Errorf("ccan %v = %d\nstdout: %s\nstderr: %s\nwant %d, stdout with %q, stderr with %q",
				tc.args, code, stdout, stderr, tc.code, tc.inStdout, tc.inStderr)
		}
	}
}

func TestDependsAndInfo(t *testing.T) {
	tree := starterCopy(t)
	for _, safe := range []string{"--safe", "--safe=false"} {
		code, out, errOut := run(t, tree, "depends", safe, "ccan/list")
		want := "ccan/check_type\nccan/container_of\nccan/str\nccan/build_assert\n"
		if code != 0 || out != want {
			t.Errorf("depends %s list = %d %q (stderr %s), want %q", safe, code, out, errOut, want)
		}
	}
	code, out, _ := run(t, filepath.Join(tree, "ccan"), "depends", "--direct", "list")
	if code != 0 || out != "ccan/check_type\nccan/container_of\nccan/str\n" {
		t.Errorf("depends --direct list = %d %q", code, out)
	}
	code, out, _ = run(t, tree, "depends", "--tests", "ccan/htable")
	if code != 0 || !strings.Contains(out, "ccan/hash\n") {
		t.Errorf("depends --tests htable = %d %q, want ccan/hash in it", code, out)
	}
	code, out, errOut := run(t, tree, "info", "--json", "ccan/str/hex", "ccan/list")
	if code != 0 {
		t.Fatalf("info --json = %d, stderr %s", code, errOut)
	}
	var infos []struct {
		Name       string              `json:"name"`
		Summary    string              `json:"summary"`
		License    string              `json:"license"`
		AllDepends []string            `json:"all_depends"`
		Libs       []string            `json:"libs"`
		Files      map[string][]string `json:"files"`
	}
	if err := json.Unmarshal([]byte(out), &infos); err != nil {
		t.Fatalf("info --json output is not JSON: %v\n%s", err, out)
	}
	if len(infos) != 2 || infos[0].Name != "str/hex" || infos[1].Name != "list" {
		t.Fatalf("info --json names = %+v", infos)
	}
	if infos[0].Summary == "" || infos[0].License != "CC0 (Public domain)" || infos[0].Files["header"][0] != "hex.h" {
		t.Errorf("str/hex info = %+v", infos[0])
	}
	if len(infos[1].AllDepends) != 4 || infos[1].Libs == nil {
		t.Errorf("list info all_depends = %v, libs = %v", infos[1].AllDepends, infos[1].Libs)
	}
}

func TestDependsCycle(t *testing.T) {
	tree := t.TempDir()
	for _, m := range []struct{ name, dep string }{{"a", "b"}, {"b", "a"}} {
		dir := filepath.Join(tree, "ccan", m.name)
		os.MkdirAll(dir, 0o755)
		info := "#include <stdio.h>\n#include <string.h>\nint main(int argc, char *argv[])\n{\n" +
			"\tif (argc > 1 && strcmp(argv[1], \"depends\") == 0) {\n\t\tprintf(\"ccan/" + m.dep + "\\n\");\n\t}\n\treturn 0;\n}\n"
		os.WriteFile(filepath.Join(dir, "_info"), []byte(info), 0o644)
	}
	for _, mode := range []string{"--safe", "--safe=false"} {
		code, _, errOut := run(t, tree, "depends", mode, "ccan/a")
		if code != 1 || !strings.Contains(errOut, "dependency cycle: ccan/a -> ccan/b -> ccan/a") {
			t.Errorf("depends %s on a cycle = %d, stderr %q", mode, code, errOut)
		}
	}
}

func TestDoc(t *testing.T) {
	tree := starterCopy(t)
	code, out, _ := run(t, tree, "doc", "license", "ccan/list/_info")
	if code != 0 || strings.TrimSpace(out) != "BSD-MIT" {
		t.Errorf("doc license = %d %q", code, out)
	}
	code, out, _ = run(t, tree, "doc", "--function", "list_add", "summary", "ccan/list/list.h")
	if code != 0 || out == "" {
		t.Errorf("doc --function list_add summary = %d %q", code, out)
	}
	if code, _, _ := run(t, tree, "doc", "all", "ccan/list/no-such-file"); code != 1 {
		t.Errorf("doc on a missing file = %d, want 1", code)
	}
}

func TestNewModule(t *testing.T) {
	tree := starterCopy(t)
	code, out, errOut := run(t, filepath.Join(tree, "ccan"), "new", "--license", "MIT", "str/extra")
	if code != 0 {
		t.Fatalf("new = %d %s %s", code, out, errOut)
	}
	dir := filepath.Join(tree, "ccan", "str", "extra")
	for _, f := range []string{"_info", "extra.h", "extra.c", "test/run.c"} {
		if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
			t.Errorf("missing %s: %v", f, err)
		}
	}
	if target, err := os.Readlink(filepath.Join(dir, "LICENSE")); err != nil || target != "../../../licenses/BSD-MIT" {
		t.Errorf("LICENSE -> %q, %v", target, err)
	}
	// The new module's _info answers and docs work.
	code, out, _ = run(t, tree, "info", "--json", "ccan/str/extra")
	if code != 0 || !strings.Contains(out, `"license": "BSD-MIT"`) {
		t.Errorf("info of new module = %d %s", code, out)
	}
	// The skeleton scores full marks, extra checks included.
	code, out, errOut = run(t, tree, "lint", "ccan/str/extra")
	if m := regexp.MustCompile(`Total score: (\d+)/(\d+)\n`).FindStringSubmatch(out); code != 0 || m == nil || m[1] != m[2] {
		t.Errorf("lint of the new module = %d, want full marks:\n%s\n%s", code, out, errOut)
	}
	if code, _, errOut := run(t, tree, "new", "str/extra"); code != 1 || !strings.Contains(errOut, "already exists") {
		t.Errorf("new over an existing module = %d %s", code, errOut)
	}
}

func TestConfigure(t *testing.T) {
	dir := t.TempDir()
	code, _, errOut := run(t, dir, "configure", "-o", "config.h")
	if code != 0 {
		t.Fatalf("configure = %d: %s", code, errOut)
	}
	b, err := os.ReadFile(filepath.Join(dir, "config.h"))
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(string(b), "#define HAVE_"); n != 73 {
		t.Errorf("config.h has %d HAVE_ lines, want 73 (72 tests + HAVE_CCAN)", n)
	}
	code, out, _ := run(t, dir, "configure", "-o", "-", "--cc", "cc", "-O2")
	if code != 0 || !strings.Contains(out, `#define CCAN_CFLAGS "-O2"`) {
		t.Errorf("configure -O2 to stdout = %d, output lacks CCAN_CFLAGS -O2:\n%.400s", code, out)
	}
	if code, _, _ := run(t, dir, "configure", "-j", "zero"); code != 2 {
		t.Errorf("configure -j zero = %d, want 2", code)
	}
}

// TestStarterArchiveFullMarks lints every starter module with every check
// (the extra ones too): each must score full marks.
func TestStarterArchiveFullMarks(t *testing.T) {
	if testing.Short() {
		t.Skip("lints the whole starter archive")
	}
	tree := starterCopy(t)
	names, err := filepath.Glob(filepath.Join(tree, "ccan", "*", "_info"))
	if err != nil {
		t.Fatal(err)
	}
	nested, _ := filepath.Glob(filepath.Join(tree, "ccan", "*", "*", "_info"))
	args := []string{"lint", "--json"}
	for _, n := range append(names, nested...) {
		args = append(args, filepath.Dir(n))
	}
	code, out, errOut := run(t, tree, args...)
	var results []struct {
		Module     string `json:"module"`
		Score      int    `json:"score"`
		Total      int    `json:"total"`
		Passed     bool   `json:"passed"`
		ExtraScore int    `json:"extra_score"`
		ExtraTotal int    `json:"extra_total"`
	}
	if err := json.Unmarshal([]byte(out), &results); err != nil {
		t.Fatalf("lint --json: %v\n%s\n%s", err, out, errOut)
	}
	if code != 0 || len(results) < 12 {
		t.Errorf("lint exit %d with %d modules, want 0 and at least 12", code, len(results))
	}
	for _, r := range results {
		if !r.Passed || r.Score != r.Total || r.Total == 0 || r.ExtraScore != r.ExtraTotal {
			t.Errorf("%s: passed=%v score %d/%d extra %d/%d, want full marks", r.Module, r.Passed, r.Score, r.Total, r.ExtraScore, r.ExtraTotal)
		}
	}
}
