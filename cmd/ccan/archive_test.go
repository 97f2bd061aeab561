package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ccan-archive/ccan/internal/export"
	"github.com/ccan-archive/ccan/internal/store"
	"github.com/ccan-archive/ccan/internal/upload/uploadtest"
)

// TestArchiveImport imports the starter archive (without linting it:
// TestStarterArchiveFullMarks lints it), re-imports it, imports a small
// tree with the default lint, and exports the archive as a mirror that
// "ccan get" uses.
func TestArchiveImport(t *testing.T) {
	tree := starterCopy(t)
	data := filepath.Join(t.TempDir(), "data")
	code, stdout, stderr := run(t, tree, "archive", "import", "--no-lint", "--data", data, ".")
	if code != 0 || !strings.Contains(stdout, "14 new versions") {
		t.Fatalf("first import: exit %d\n%s%s", code, stdout, stderr)
	}
	code, stdout, _ = run(t, tree, "archive", "import", "--data", data, ".")
	if code != 0 || !strings.Contains(stdout, "0 new versions, 14 unchanged") {
		t.Errorf("second import: exit %d\n%s", code, stdout)
	}
	if code, _, _ := run(t, tree, "archive", "bogus", "x"); code != 2 {
		t.Errorf("archive bogus: exit %d, want 2", code)
	}
	// By default an import lints what it adds and stores the result (a
	// module without tests: a short lint; tests_exist scores 0/1).
	small := writeTree(t, uploadtest.Module("tiny", uploadtest.Options{NoTests: true}))
	code, stdout, stderr = run(t, small, "archive", "import", "--data", data, ".")
	if code != 0 || !strings.Contains(stdout, "1 new versions") {
		t.Fatalf("import with lint: exit %d\n%s%s", code, stdout, stderr)
	}

	// The export is a mirror "ccan get" can use offline.
	out := filepath.Join(t.TempDir(), "mirror")
	code, stdout, stderr = run(t, tree, "archive", "export", "--data", data, out)
	if code != 0 || !strings.Contains(stdout, "exported") {
		t.Fatalf("archive export: exit %d\n%s%s", code, stdout, stderr)
	}
	if _, err := export.Path(out, "/api/lint/list"); err == nil {
		t.Errorf("list was linted despite --no-lint")
	}
	b, err := export.ReadFile(out, "/api/lint/tiny", 1<<20)
	if err != nil {
		t.Fatalf("tiny was not linted: %v", err)
	}
	var res store.LintResult
	if err := json.Unmarshal(b, &res); err != nil {
		t.Fatal(err)
	}
	checks := map[string]*store.LintCheck{}
	for _, c := range res.Checks {
		checks[c.Key] = c
	}
	info, tests := checks["info_exists"], checks["tests_exist"]
	if res.Total == 0 || res.Score >= res.Total || info == nil || info.Status != "pass" || info.Score != 1 ||
		tests == nil || tests.Score != 0 || tests.Total != 1 {
		t.Errorf("tiny's stored lint: %d/%d, info_exists %+v, tests_exist %+v", res.Score, res.Total, info, tests)
	}
	proj := t.TempDir()
	code, stdout, stderr = run(t, proj, "get", "--no-configure", "--archive", "file://"+out, "str/hex")
	if code != 0 || !strings.Contains(stdout, "+ ccan/str/hex ") {
		t.Errorf("get from the export: exit %d\n%s%s", code, stdout, stderr)
	}
	if _, err := os.Stat(filepath.Join(proj, "ccan", "str", "hex", "hex.h")); err != nil {
		t.Errorf("get from the export: %v", err)
	}
}
