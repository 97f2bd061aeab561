package browsertest

import (
	"context"
	"encoding/json"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/ccan-archive/ccan/internal/archive"
	"github.com/ccan-archive/ccan/internal/archive/archivetest"
	"github.com/ccan-archive/ccan/internal/auth"
	"github.com/ccan-archive/ccan/internal/blob/fsblob"
	"github.com/ccan-archive/ccan/internal/build"
	"github.com/ccan-archive/ccan/internal/buildenv"
	"github.com/ccan-archive/ccan/internal/lint"
	"github.com/ccan-archive/ccan/internal/module"
	"github.com/ccan-archive/ccan/internal/queue/sqlitequeue"
	"github.com/ccan-archive/ccan/internal/sandbox"
	"github.com/ccan-archive/ccan/internal/server"
	"github.com/ccan-archive/ccan/internal/store"
	"github.com/ccan-archive/ccan/internal/store/sqlite"
	"github.com/ccan-archive/ccan/internal/upload"
	"github.com/ccan-archive/ccan/internal/upload/uploadtest"
)

// startUploadServer serves the starter archive with accounts and
// uploads on, and runs the upload worker: in the sandbox when one can be
// set up here (root, bubblewrap), else unconfined.
func startUploadServer(t *testing.T) *httptest.Server {
	t.Helper()
	if _, err := exec.LookPath("cc"); err != nil {
		need(t, "cc", "cc", err)
	}
	ctx := context.Background()
	dir := t.TempDir()
	db := filepath.Join(dir, "ccan.db")
	st, err := sqlite.Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	bs, err := fsblob.New(filepath.Join(dir, "blobs"))
	if err != nil {
		t.Fatal(err)
	}
	q, err := sqlitequeue.Open(ctx, db, sqlitequeue.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { q.Close() })
	log := slog.New(slog.DiscardHandler)
	tr, err := module.FindTree(filepath.Join(archivetest.RepoRoot(), "modules"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := (&archive.Importer{Store: st, Blobs: bs, Log: log}).ImportTree(ctx, tr); err != nil {
		t.Fatal(err)
	}
	cache := buildenv.CacheDir(os.Getenv)
	checker := &upload.Checker{Cache: &build.Cache{Dir: filepath.Join(cache, "upload-test-build")},
		Jobs: runtime.NumCPU(), CacheDir: cache, Tools: &lint.Tools{}}
	scratch := t.TempDir()
	if sb, err := sandbox.New(sandbox.Config{Slots: runtime.NumCPU() + 2, Hide: []string{dir, cache}}); err == nil {
		t.Cleanup(func() { sb.Close() })
		checker.Run, checker.RunKey, checker.Share = sb.Run, sb.Key(), sb.Share
		if scratch, err = os.MkdirTemp("/var/tmp", "ccan-browser-test-"); err != nil { // not under /tmp: the sandbox replaces it
			t.Fatal(err)
		}
		t.Cleanup(func() { os.RemoveAll(scratch) })
		os.Chmod(scratch, 0o755)
	} else {
		t.Logf("no sandbox (%v): checking unconfined", err)
		checker.Unconfined = true
	}
	svc := upload.New(upload.Config{Store: st, Blobs: bs, Queue: q, Owners: st, Log: log})
	srv, err := server.New(server.Config{Store: st, Blobs: bs, Log: log, Accounts: st, Uploads: svc,
		Auth: server.AuthConfig{Password: auth.Params{Time: 1, Memory: 64, Threads: 1}}})
	if err != nil {
		t.Fatal(err)
	}
	w := svc.NewWorker(upload.WorkerConfig{Checker: checker, Scratch: scratch, Poll: 200 * time.Millisecond,
		OnFinish: func(*store.Upload) { srv.Invalidate() }})
	wctx, stop := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() { defer close(done); w.Run(wctx) }()
	t.Cleanup(func() { stop(); <-done })
	hs := httptest.NewServer(srv)
	t.Cleanup(hs.Close)
	return hs
}

// TestUploadFlow registers, creates an API token, uploads a module
// through the form, watches its status page (which reloads itself, no
// script) reach "published", and opens the module page.
func TestUploadFlow(t *testing.T) {
	exe := chromiumPath(t)
	hs := startUploadServer(t)
	ctx := newBrowser(t, exe)
	base := hs.URL

	step(t, ctx, "opening register", chromedp.Navigate(base+"/register"), chromedp.WaitVisible(chromedp.CSS("input[name=name]")))
	step(t, ctx, "filling the form",
		chromedp.SendKeys(chromedp.CSS("input[name=name]"), "alice"),
		chromedp.SendKeys(chromedp.CSS("input[name=email]"), "alice@example.com"),
		chromedp.SendKeys(chromedp.CSS("input[name=password]"), "a long password"),
		chromedp.SendKeys(chromedp.CSS("input[name=password2]"), "a long password"))
	submit(t, ctx, "form.account button[type=submit]")
	wantPath(t, ctx, base, "/account")

	step(t, ctx, "naming a token", chromedp.SendKeys(chromedp.CSS(`form[action="/account/tokens"] input[name=name]`), "cli"))
	submit(t, ctx, `form[action="/account/tokens"] button[type=submit]`)
	tok := text(t, ctx, "#new-token")
	if !regexp.MustCompile(`^ccan_[a-z2-7]+$`).MatchString(tok) {
		t.Fatalf("new token %q", tok)
	}

	// The upload form, from the header link.
	click(t, ctx, "header a.upload-link")
	wantPath(t, ctx, base, "/upload")
	tgz := filepath.Join(t.TempDir(), "greet.tar.gz")
	if err := os.WriteFile(tgz, uploadtest.Tarball(t, uploadtest.Module("greet", uploadtest.Options{Version: "1.0"})), 0o644); err != nil {
		t.Fatal(err)
	}
	step(t, ctx, "choosing the file", chromedp.SetUploadFiles(chromedp.CSS(`form.upload input[type=file]`), []string{tgz}))
	submit(t, ctx, "form.upload button[type=submit]")
	loc := run(t, ctx, chromedp.Location())
	if !regexp.MustCompile(`^` + regexp.QuoteMeta(base) + `/upload/\d+$`).MatchString(loc) {
		t.Fatalf("after uploading: at %s, want the status page", loc)
	}

	// The status page reloads itself until the upload is final.
	deadline := time.Now().Add(4 * time.Minute)
	status := ""
	for time.Now().Before(deadline) {
		sctx, cancel := context.WithTimeout(ctx, 10*time.Second)
		s, err := chromedp.Run(sctx, chromedp.Text(chromedp.CSS("#upload-status strong")))
		cancel()
		if err == nil && s != status {
			status = s
			t.Logf("status: %s", status)
		}
		if store.UploadFinal(status) {
			break
		}
		time.Sleep(500 * time.Millisecond)
	}
	if status != store.UploadPublished {
		t.Fatalf("upload ended %q, want published; log:\n%s", status, text(t, ctx, "#upload-log"))
	}
	if log := text(t, ctx, "#upload-log"); !strings.Contains(log, "Total score") {
		t.Errorf("status page log lacks the lint report:\n%s", log)
	}
	screenshot(t, ctx, "upload.png", true)

	// The token reads the same upload from the API.
	req, _ := http.NewRequest("GET", strings.Replace(loc, "/upload/", "/api/upload/", 1), nil)
	req.Header.Set("Authorization", "Bearer "+tok)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	var rec struct{ Status, Module, Version string }
	json.NewDecoder(resp.Body).Decode(&rec)
	resp.Body.Close()
	if rec.Status != "published" || rec.Module != "greet" || rec.Version != "1.0" {
		t.Errorf("API with the new token: %d %+v", resp.StatusCode, rec)
	}

	click(t, ctx, "#upload-result")
	wantPath(t, ctx, base, "/m/greet@1.0")
	if h1 := text(t, ctx, "h1"); !strings.Contains(h1, "ccan/greet") {
		t.Errorf("module page h1 = %q", h1)
	}
}
