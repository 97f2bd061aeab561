package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestGetUsage(t *testing.T) {
	t.Setenv("CCAN_ARCHIVE", "")
	t.Setenv("CCAN_CONFIG", filepath.Join(t.TempDir(), "none.json"))
	dir := t.TempDir()
	tests := []struct {
		args     []string
		code     int
		inStderr string
	}{
		{[]string{"get"}, 2, "no ccan.lock"},
		{[]string{"get", "list@"}, 2, "version"},
		{[]string{"get", "a/b/c"}, 2, "too many components"},
		{[]string{"get", "--license", "Apache-2.0", "list"}, 2, "unknown license"},
		{[]string{"get", "list"}, 1, "no archive: use --archive URL"},
		{[]string{"get", "--archive", "ftp://x", "list"}, 1, "unsupported scheme"},
		{[]string{"update"}, 2, "no ccan.lock"},
		{[]string{"remove"}, 2, "need at least one NAME"},
		{[]string{"verify"}, 1, "no ccan.lock"},
		{[]string{"list"}, 1, "no ccan.lock"},
		{[]string{"search"}, 2, "need a search TERM"},
		{[]string{"search", "--limit", "0", "x"}, 2, "--limit"},
		{[]string{"info", "--remote", "list"}, 1, "no archive"},
	}
	for _, tc := range tests {
		code, stdout, stderr := run(t, dir, tc.args...)
		if code != tc.code || !strings.Contains(stderr, tc.inStderr) {
			t.Errorf("ccan %v = %d\nstdout: %s\nstderr: %s\nwant %d, stderr with %q", tc.args, code, stdout, stderr, tc.code, tc.inStderr)
		}
	}
	if ents, _ := os.ReadDir(dir); len(ents) != 0 {
		t.Errorf("failed commands left files: %v", ents)
	}
}

// TestArchiveSelection checks where the archive comes from: --archive,
// then $CCAN_ARCHIVE, then ccan.lock, then the config file.
func TestArchiveSelection(t *testing.T) {
	tree := starterCopy(t)
	cfg := filepath.Join(t.TempDir(), "config.json")
	os.WriteFile(cfg, []byte(`{"archive": "`+tree+`"}`), 0o644)
	t.Setenv("CCAN_CONFIG", cfg)
	t.Setenv("CCAN_ARCHIVE", "")
	proj := t.TempDir()
	code, stdout, stderr := run(t, proj, "search", "hash")
	if code != 0 || !strings.HasPrefix(stdout, "ccan/hash ") {
		t.Fatalf("search via the config file = %d\n%s%s", code, stdout, stderr)
	}
	code, _, stderr = run(t, proj, "get", "--no-configure", "minmax")
	if code != 0 {
		t.Fatalf("get via the config file = %d\n%s", code, stderr)
	}
	lock, _ := os.ReadFile(filepath.Join(proj, "ccan.lock"))
	if !strings.Contains(string(lock), `"archive": "`+tree+`"`) {
		t.Errorf("the lock does not name the archive:\n%s", lock)
	}
	// The lock's archive beats the config file; $CCAN_ARCHIVE beats both;
	// --archive beats everything.
	os.WriteFile(cfg, []byte(`{"archive": "/nonexistent"}`), 0o644)
	if code, _, stderr := run(t, proj, "search", "hash"); code != 0 {
		t.Errorf("search with the lock's archive = %d %s", code, stderr)
	}
	t.Setenv("CCAN_ARCHIVE", "/nonexistent")
	if code, _, stderr := run(t, proj, "search", "hash"); code != 1 || !strings.Contains(stderr, "/nonexistent") {
		t.Errorf("search with a bad $CCAN_ARCHIVE = %d %s", code, stderr)
	}
	if code, _, stderr := run(t, proj, "search", "--archive", tree, "hash"); code != 0 {
		t.Errorf("search --archive = %d %s", code, stderr)
	}
	if code, stdout, _ := run(t, proj, "search", "--archive", tree, "nothing-like-this"); code != 1 || stdout != "" {
		t.Errorf("search without results = %d %q", code, stdout)
	}
}
