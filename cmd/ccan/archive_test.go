package main

import (
	"path/filepath"
	"strings"
	"testing"
)

func TestArchiveImport(t *testing.T) {
	tree := starterCopy(t)
	data := filepath.Join(t.TempDir(), "data")
	code, stdout, stderr := run(t, tree, "archive", "import", "--data", data, ".")
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
	// The export is a mirror "ccan get" can use offline.
	out := filepath.Join(t.TempDir(), "mirror")
	code, stdout, stderr = run(t, tree, "archive", "export", "--data", data, out)
	if code != 0 || !strings.Contains(stdout, "exported") {
		t.Fatalf("archive export: exit %d\n%s%s", code, stdout, stderr)
	}
	proj := t.TempDir()
	code, stdout, stderr = run(t, proj, "get", "--no-configure", "--archive", "file://"+out, "str/hex")
	if code != 0 || !strings.Contains(stdout, "+ ccan/str/hex ") {
		t.Errorf("get from the export: exit %d\n%s%s", code, stdout, stderr)
	}
}
