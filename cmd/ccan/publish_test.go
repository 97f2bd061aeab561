package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ccan-archive/ccan/internal/cli"
	"github.com/ccan-archive/ccan/internal/lint/linttest"
	"github.com/ccan-archive/ccan/internal/upload/uploadtest"
)

// runEnv runs ccan in-process from dir with extra environment
// variables and returns its exit status, stdout and stderr.
func runEnv(t *testing.T, dir string, vars map[string]string, args ...string) (int, string, string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	env := &cli.Env{
		Stdout: &stdout, Stderr: &stderr, Stdin: strings.NewReader(""), Dir: dir,
		Getenv: func(k string) string {
			if v, ok := vars[k]; ok {
				return v
			}
			if k == "CCAN_CACHE" {
				return linttest.CacheDir()
			}
			return os.Getenv(k)
		},
	}
	code := app().Main(context.Background(), env, args)
	return code, stdout.String(), stderr.String()
}

// TestPublish publishes modules to a real "ccan serve" and follows them
// with --wait: exit 0 when published, 1 for junkcode; and checks where
// the token and the archive come from.
func TestPublish(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs ccan serve: not with -short")
	}
	bin := buildCCAN(t)
	data := t.TempDir()
	token := newPublisher(t, filepath.Join(data, "ccan.db"), "alice")
	srv := startServe(t, bin, data, checkFlags(t))
	work := t.TempDir()
	noConfig := filepath.Join(work, "none.json")
	env := map[string]string{"CCAN_TOKEN": token, "CCAN_CONFIG": noConfig, "CCAN_ARCHIVE": ""}

	good := writeModule(t, "pubgood")
	code, out, errOut := runEnv(t, good, env, "publish", "--wait", "--archive", srv.url, "ccan/pubgood")
	if code != 0 || !strings.Contains(out, "published ccan/pubgood") || !strings.Contains(out, "Total score") {
		t.Errorf("publish --wait (good) = %d\nstdout:\n%s\nstderr:\n%s", code, out, errOut)
	}

	untested := t.TempDir()
	for _, e := range uploadtest.Module("pubjunk", uploadtest.Options{NoTests: true}) {
		p := filepath.Join(untested, filepath.FromSlash(e.Name))
		os.MkdirAll(filepath.Dir(p), 0o755)
		if e.Link != "" {
			os.Symlink(e.Link, p)
		} else {
			os.WriteFile(p, e.Data, 0o644)
		}
	}
	code, out, errOut = runEnv(t, filepath.Join(untested, "ccan", "pubjunk"), env, "publish", "--wait", "--json", "--archive", srv.url)
	var rec struct{ Status, Junk string }
	if err := json.Unmarshal([]byte(out), &rec); code != 1 || err != nil || rec.Status != "junkcode" || rec.Junk != "alice-pubjunk" {
		t.Errorf("publish --wait --json (no tests) = %d, %+v (%v)\nstdout:\n%s\nstderr:\n%s", code, rec, err, out, errOut)
	}

	// The token and the archive from the config file.
	cfg := filepath.Join(work, "config.json")
	os.WriteFile(cfg, []byte(`{"archive": "`+srv.url+`", "token": "`+token+`"}`), 0o600)
	code, out, errOut = runEnv(t, good, map[string]string{"CCAN_TOKEN": "", "CCAN_CONFIG": cfg, "CCAN_ARCHIVE": ""}, "publish", "ccan/pubgood")
	if code != 0 || !strings.Contains(out, "as upload ") || !strings.Contains(out, "/api/upload/") {
		t.Errorf("publish with the config file = %d\n%s%s", code, out, errOut)
	}

	for _, tc := range []struct {
		vars map[string]string
		args []string
		want string
	}{
		{map[string]string{"CCAN_TOKEN": "", "CCAN_CONFIG": noConfig}, []string{"--archive", srv.url}, "no API token"},
		{env, []string{"--archive", work}, "needs the http(s) URL"},
		{map[string]string{"CCAN_TOKEN": "ccan_wrong", "CCAN_CONFIG": noConfig}, []string{"--archive", srv.url}, "401"},
	} {
		code, out, errOut := runEnv(t, good, tc.vars, append([]string{"publish"}, append(tc.args, "ccan/pubgood")...)...)
		if code != 1 || !strings.Contains(errOut, tc.want) {
			t.Errorf("publish %v = %d, want 1 with %q\nstdout:\n%s\nstderr:\n%s", tc.args, code, tc.want, out, errOut)
		}
	}
	if code, _, _ := runEnv(t, good, env, "publish", "a", "b"); code != 2 {
		t.Errorf("publish a b = %d, want 2 (usage)", code)
	}
}
