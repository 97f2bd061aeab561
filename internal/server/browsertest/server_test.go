package browsertest

import (
	"context"
	"encoding/json"
	"log/slog"
	"net/http/httptest"
	"os"
	"os/exec"
	"testing"

	"github.com/ccan-archive/ccan/internal/archive/archivetest"
	"github.com/ccan-archive/ccan/internal/server"
	"github.com/ccan-archive/ccan/internal/store"
)

// need skips t when the tool is missing, or fails it when CCAN_TEST_MUST
// is set.
func need(t *testing.T, what, path string, err error) {
	t.Helper()
	if err == nil {
		return
	}
	if os.Getenv("CCAN_TEST_MUST") != "" {
		t.Fatalf("%s (%s) is required with CCAN_TEST_MUST set: %v", what, path, err)
	}
	t.Skipf("skipping: %s (%s) not available: %v (apt-get install %s; CI sets CCAN_TEST_MUST to make this a failure)", what, path, err, what)
}

// chromiumPath returns the browser to drive: $CCAN_CHROMIUM, else
// /usr/bin/chromium.
func chromiumPath(t *testing.T) string {
	p := os.Getenv("CCAN_CHROMIUM")
	if p == "" {
		p = "/usr/bin/chromium"
	}
	_, err := exec.LookPath(p)
	need(t, "chromium", p, err)
	return p
}

// startServer imports the starter archive (without lint, for speed)
// into a fresh data directory, stores a lint result for list (see
// lintResult), and serves the site on a loopback listener.
func startServer(t *testing.T) (*httptest.Server, store.Store) {
	t.Helper()
	ctx := context.Background()
	st, bs, tr := archivetest.Starter(t)
	log := slog.New(slog.DiscardHandler)
	mv, err := st.GetModule(ctx, "list", "")
	if err != nil {
		t.Fatal(err)
	}
	if err := st.SetLint(ctx, mv.Name, mv.Version, lintResult(t, tr, mv.Name)); err != nil {
		t.Fatal(err)
	}
	srv, err := server.New(server.Config{Store: st, Blobs: bs, Log: log})
	if err != nil {
		t.Fatal(err)
	}
	hs := httptest.NewServer(srv)
	t.Cleanup(hs.Close)
	return hs, st
}

// sampleLint is a plausible lint result in ccanlint's check order.
func sampleLint() *store.LintResult {
	// Messages are lint.Diagnostic values, as the linter stores them.
	msg := func(file, text string) json.RawMessage {
		b, _ := json.Marshal([]map[string]string{{"file": file, "message": text}})
		return b
	}
	checks := []*store.LintCheck{
		{Key: "info_exists", Title: "Module has _info file", Status: "pass", Score: 1, Total: 1},
		{Key: "objects_build", Title: "Module object files can be built", Status: "pass", Score: 1, Total: 1},
		{Key: "headers_idempotent", Title: "Module headers are #ifndef/#define wrapped", Status: "pass", Score: 1, Total: 1},
		{Key: "examples_exist", Title: "_info and header files contain examples", Status: "pass", Score: 1, Total: 1},
		{Key: "tests_pass", Title: "Module's run and api tests pass", Status: "pass", Score: 1, Total: 1},
		{Key: "tests_pass_valgrind", Title: "Module's run and api tests succeed under valgrind", Status: "pass", Score: 4, Total: 4},
		{Key: "tests_coverage", Title: "Module's tests cover the code", Status: "fail", Score: 3, Total: 5,
			Messages: msg("list.c", "81% of lines covered")},
		{Key: "reduce_features", Title: "Features reduced", Status: "skip: no HAVE_ features used", Score: 0, Total: 0},
	}
	res := &store.LintResult{Checks: checks}
	for _, c := range checks {
		res.Score += c.Score
		res.Total += c.Total
	}
	return res
}
