package server

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"mime/multipart"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/ccan-archive/ccan/internal/archive"
	"github.com/ccan-archive/ccan/internal/build"
	"github.com/ccan-archive/ccan/internal/buildenv"
	"github.com/ccan-archive/ccan/internal/lint"
	"github.com/ccan-archive/ccan/internal/module"
	"github.com/ccan-archive/ccan/internal/queue/sqlitequeue"
	"github.com/ccan-archive/ccan/internal/store"
	"github.com/ccan-archive/ccan/internal/upload"
	"github.com/ccan-archive/ccan/internal/upload/uploadtest"
)

// uploadSite is a site with uploads on: the starter modules imported
// (for ccan/tap), a queue, and a worker run by hand with an unconfined
// lint (the sandbox has its own tests).
type uploadSite struct {
	*site
	w *upload.Worker
}

func newUploadSite(t *testing.T, maxBytes int64) *uploadSite {
	t.Helper()
	ctx := context.Background()
	qdir := t.TempDir()
	q, err := sqlitequeue.Open(ctx, filepath.Join(qdir, "queue.db"), sqlitequeue.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { q.Close() })
	var svc *upload.Service
	s := newSite(t, func(c *Config) {
		st := c.Store.(upload.Store)
		svc = upload.New(upload.Config{Store: st, Blobs: c.Blobs, Queue: q, Owners: c.Accounts,
			MaxBytes: maxBytes, Log: c.Log})
		c.Uploads = svc
	})
	_, file, _, _ := runtime.Caller(0)
	tr, err := module.FindTree(filepath.Join(filepath.Dir(file), "..", "..", "modules"))
	if err != nil {
		t.Fatal(err)
	}
	im := &archive.Importer{Store: s.st, Blobs: s.srv.cfg.Blobs, Log: slog.New(slog.DiscardHandler)}
	if _, err := im.ImportTree(ctx, tr); err != nil {
		t.Fatal(err)
	}
	cache := buildenv.CacheDir(os.Getenv)
	w := svc.NewWorker(upload.WorkerConfig{Scratch: t.TempDir(), OnFinish: func(*store.Upload) { s.srv.Invalidate() },
		Checker: &upload.Checker{Unconfined: true, CacheDir: cache, Tools: &lint.Tools{},
			Cache: &build.Cache{Dir: filepath.Join(cache, "upload-test-build")}, Jobs: runtime.NumCPU()}})
	return &uploadSite{site: s, w: w}
}

var downloadRE = regexp.MustCompile(`href="(/download/[0-9a-f]{64}/[^"]+\.tar\.(gz|bz2))"`)

// checkFormats checks that page links n tarballs in each format and
// that each link downloads a tarball of its format.
func (s *uploadSite) checkFormats(page string, n int) {
	s.t.Helper()
	count := map[string]int{}
	for _, m := range downloadRE.FindAllStringSubmatch(page, -1) {
		count[m[2]]++
		code, body, hdr := s.fetch(m[1])
		magic := map[string]string{"gz": "\x1f\x8b", "bz2": "BZh"}[m[2]]
		if code != http.StatusOK || !strings.HasPrefix(body, magic) {
			s.t.Errorf("GET %s = %d, %s, starts %q", m[1], code, hdr.Get("Content-Type"), body[:min(len(body), 4)])
		}
	}
	if count["gz"] != n || count["bz2"] != n {
		s.t.Errorf("page links %d .tar.gz and %d .tar.bz2, want %d of each", count["gz"], count["bz2"], n)
	}
}

// work runs the worker until no job is left.
func (s *uploadSite) work() {
	s.t.Helper()
	for {
		did, err := s.w.RunOnce(context.Background())
		if err != nil {
			s.t.Fatal(err)
		}
		if !did {
			return
		}
	}
}

// post sends body to path with headers, returning the status and body.
func (s *uploadSite) post(path, ctype string, body []byte, hdr map[string]string, cookies ...*http.Cookie) (int, string, http.Header) {
	s.t.Helper()
	req, _ := http.NewRequest("POST", s.ts.URL+path, bytes.NewReader(body))
	req.Header.Set("Content-Type", ctype)
	for k, v := range hdr {
		req.Header.Set(k, v)
	}
	for _, c := range cookies {
		req.AddCookie(c)
	}
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := client.Do(req)
	if err != nil {
		s.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b), resp.Header
}

// apiStatus GETs an upload's JSON with a token.
func (s *uploadSite) apiStatus(url, token string) (int, map[string]any) {
	s.t.Helper()
	req, _ := http.NewRequest("GET", url, nil)
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		s.t.Fatal(err)
	}
	defer resp.Body.Close()
	var m map[string]any
	json.NewDecoder(resp.Body).Decode(&m)
	return resp.StatusCode, m
}

func needCC(t *testing.T) {
	t.Helper()
	if _, err := exec.LookPath("cc"); err != nil {
		if os.Getenv("CCAN_TEST_MUST") != "" {
			t.Fatalf("cc is required with CCAN_TEST_MUST set: %v", err)
		}
		t.Skipf("skipping: no cc: %v", err)
	}
}

// TestUploadAPI publishes a module the way "ccan publish" does and
// checks who may upload and read statuses.
func TestUploadAPI(t *testing.T) {
	needCC(t)
	s := newUploadSite(t, 1<<20)
	s.register("alice")
	s.register("bob")
	future := time.Now().Add(time.Hour)
	pub := s.token("alice", []string{store.ScopePublish}, future, false)
	yankOnly := s.token("alice", []string{store.ScopeYank}, future, false)
	expired := s.token("alice", []string{store.ScopePublish}, time.Now().Add(-time.Hour), false)
	revoked := s.token("alice", []string{store.ScopePublish}, future, true)
	bobTok := s.token("bob", []string{store.ScopePublish}, future, false)
	tgz := uploadtest.Tarball(t, uploadtest.Module("greet", uploadtest.Options{Version: "1.0"}))
	auth := func(tok string) map[string]string { return map[string]string{"Authorization": "Bearer " + tok} }
	const path = "/api/upload?filename=greet.tar.gz"
	for _, tc := range []struct {
		name string
		hdr  map[string]string
		want int
	}{
		{"anonymous", nil, http.StatusUnauthorized},
		{"yank-only token", auth(yankOnly), http.StatusForbidden},
		{"expired token", auth(expired), http.StatusUnauthorized},
		{"revoked token", auth(revoked), http.StatusUnauthorized},
		{"garbage token", auth("ccan_nonsense"), http.StatusUnauthorized},
	} {
		if code, body, _ := s.post(path, "application/gzip", tgz, tc.hdr); code != tc.want {
			t.Errorf("%s: POST %s = %d, want %d: %s", tc.name, path, code, tc.want, body)
		}
	}
	if code, body, _ := s.post("/api/upload", "application/gzip", tgz, auth(pub)); code != http.StatusBadRequest {
		t.Errorf("no filename: %d %s", code, body)
	}
	if code, body, _ := s.post(path, "application/gzip", make([]byte, 2<<20), auth(pub)); code != http.StatusRequestEntityTooLarge {
		t.Errorf("2 MiB over a 1 MiB cap: %d %s", code, body)
	}
	code, body, hdr := s.post(path, "application/gzip", tgz, auth(pub))
	if code != http.StatusAccepted {
		t.Fatalf("POST %s = %d: %s", path, code, body)
	}
	var resp struct {
		ID        int64  `json:"id"`
		Status    string `json:"status"`
		StatusURL string `json:"status_url"`
	}
	if err := json.Unmarshal([]byte(body), &resp); err != nil || resp.ID == 0 || resp.Status != "queued" ||
		resp.StatusURL != hdr.Get("Location") || !strings.HasSuffix(resp.StatusURL, "/api/upload/"+strconv.FormatInt(resp.ID, 10)) {
		t.Fatalf("202 body %s (%v), Location %q", body, err, hdr.Get("Location"))
	}
	if code, _ := s.apiStatus(resp.StatusURL, bobTok); code != http.StatusNotFound {
		t.Errorf("bob reading alice's upload: %d, want 404", code)
	}
	if code, _ := s.apiStatus(resp.StatusURL, ""); code != http.StatusUnauthorized {
		t.Errorf("anonymous status: %d, want 401", code)
	}
	s.work()
	code, st := s.apiStatus(resp.StatusURL, pub)
	if code != http.StatusOK || st["status"] != "published" || st["module"] != "greet" || st["final"] != true ||
		!strings.HasSuffix(st["module_url"].(string), "/m/greet@1.0") || !strings.Contains(st["log"].(string), "Total score") {
		t.Fatalf("status after work: %d %v", code, st)
	}
	if code, page, _ := s.fetch("/m/greet"); code != http.StatusOK || !strings.Contains(page, "greet") {
		t.Errorf("module page after publishing: %d", code)
	} else {
		s.checkFormats(page, 2) // greet.tar.* and greet-with-deps.tar.*
	}
	// Bob may not publish alice's name.
	code, body, _ = s.post(path, "application/gzip", uploadtest.Tarball(t, uploadtest.Module("greet", uploadtest.Options{Version: "2.0"})), auth(bobTok))
	if code != http.StatusAccepted {
		t.Fatalf("bob's upload: %d %s", code, body)
	}
	json.Unmarshal([]byte(body), &resp)
	s.work()
	if _, st := s.apiStatus(resp.StatusURL, bobTok); st["status"] != "rejected" || !strings.Contains(st["reason"].(string), "owned by alice") {
		t.Errorf("bob's upload of greet: %v", st)
	}
}

// TestUploadForm uploads single C files through the web form, as a
// logged-in user with the form token, and follows the status page.
func TestUploadForm(t *testing.T) {
	needCC(t)
	s := newUploadSite(t, 1<<20)
	alice := s.register("alice")
	sess := &http.Cookie{Name: sessionCookie, Value: alice.session}
	if code, _, hdr := s.fetch("/upload"); code != http.StatusSeeOther || !strings.HasPrefix(hdr.Get("Location"), "/login") {
		t.Errorf("anonymous GET /upload = %d to %q, want a redirect to log in", code, hdr.Get("Location"))
	}
	code, page, _ := s.fetch("/upload", sess)
	if code != http.StatusOK || !strings.Contains(page, `type="file"`) || !strings.Contains(page, alice.csrf) {
		t.Fatalf("GET /upload = %d:\n%.400s", code, page)
	}
	form := func(csrf string, files map[string]string) (string, []byte) {
		var buf bytes.Buffer
		mw := multipart.NewWriter(&buf)
		if csrf != "" {
			mw.WriteField(csrfField, csrf)
		}
		for name, text := range files {
			fw, _ := mw.CreateFormFile("file", name)
			fw.Write([]byte(text))
		}
		mw.Close()
		return mw.FormDataContentType(), buf.Bytes()
	}
	files := map[string]string{"hello.c": "#include \"hello.h\"\nint hello(void) { return 1; }\n", "hello.h": "int hello(void);\n"}
	ct, body := form("", files)
	if code, _, _ := s.post("/upload", ct, body, nil, sess); code != http.StatusForbidden {
		t.Errorf("form without its token: %d, want 403", code)
	}
	ct, body = form(alice.csrf, map[string]string{"evil.exe": "MZ"})
	if code, page, _ := s.post("/upload", ct, body, nil, sess); code != http.StatusBadRequest || !strings.Contains(page, "evil.exe") {
		t.Errorf("an .exe upload: %d, want 400 naming the file", code)
	}
	ct, body = form(alice.csrf, files)
	code, _, hdr := s.post("/upload", ct, body, nil, sess)
	loc := hdr.Get("Location")
	if code != http.StatusSeeOther || !strings.HasPrefix(loc, "/upload/") {
		t.Fatalf("POST /upload = %d to %q", code, loc)
	}
	code, page, hdr = s.fetch(loc, sess)
	if code != http.StatusOK || !strings.Contains(page, "<strong>queued</strong>") || hdr.Get("Refresh") == "" ||
		!strings.Contains(hdr.Get("Cache-Control"), "no-store") {
		t.Errorf("status page before work: %d, Refresh %q, Cache-Control %q:\n%.600s", code, hdr.Get("Refresh"), hdr.Get("Cache-Control"), page)
	}
	if code, _, _ := s.fetch(loc); code != http.StatusSeeOther {
		t.Errorf("anonymous status page: %d, want a redirect to log in", code)
	}
	bob := s.register("bob")
	if code, _, _ := s.fetch(loc, &http.Cookie{Name: sessionCookie, Value: bob.session}); code != http.StatusNotFound {
		t.Errorf("bob on alice's status page: %d, want 404", code)
	}
	s.work()
	code, page, hdr = s.fetch(loc, sess)
	if code != http.StatusOK || !strings.Contains(page, "<strong>junkcode</strong>") || hdr.Get("Refresh") != "" ||
		!strings.Contains(page, `href="/junkcode/alice-hello"`) {
		t.Errorf("status page after work: %d, Refresh %q:\n%.1500s", code, hdr.Get("Refresh"), page)
	}
	if code, page, _ := s.fetch("/junkcode/alice-hello"); code != http.StatusOK || !strings.Contains(page, "LINT-REPORT.txt") {
		t.Errorf("junk page: %d\n%.500s", code, page)
	} else {
		s.checkFormats(page, 1)
	}
	if _, page, _ := s.fetch("/upload", sess); !strings.Contains(page, "alice-hello") {
		t.Errorf("the form page does not list the upload")
	}
}

func TestUploadsOff(t *testing.T) {
	s := newSite(t, nil)
	for _, path := range []string{"/upload", "/upload/1", "/api/upload/1"} {
		if code, _, _ := s.fetch(path); code != http.StatusNotFound {
			t.Errorf("GET %s without uploads = %d, want 404", path, code)
		}
	}
}

// TestHeaderLinks checks that the header links only to what the server
// runs: log in and register with accounts, upload with uploads (for a
// logged-in user).
func TestHeaderLinks(t *testing.T) {
	const (
		login    = `href="/login"`
		register = `href="/register"`
		up       = `href="/upload"`
		account  = `href="/account"`
	)
	withUploads := func(c *Config) {
		q, err := sqlitequeue.Open(context.Background(), filepath.Join(t.TempDir(), "queue.db"), sqlitequeue.Options{})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { q.Close() })
		c.Uploads = upload.New(upload.Config{Store: c.Store.(upload.Store), Blobs: c.Blobs, Queue: q, Owners: c.Accounts, Log: c.Log})
	}
	for _, tc := range []struct {
		name       string
		mod        func(*Config)
		anon, user []string // links shown to each; the others of the four are not
	}{
		{"no accounts", func(c *Config) { c.Accounts = nil }, nil, nil},
		{"accounts, no uploads", nil, []string{login, register}, []string{account}},
		{"accounts and uploads", withUploads, []string{login, register}, []string{account, up}},
		{"uploads without accounts", func(c *Config) { withUploads(c); c.Accounts = nil }, nil, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := newSite(t, tc.mod)
			check := func(who, page string, want []string) {
				t.Helper()
				for _, l := range []string{login, register, up, account} {
					if got := strings.Contains(page, l); got != slices.Contains(want, l) {
						t.Errorf("%s: header has %s: %v, want %v", who, l, got, !got)
					}
				}
			}
			for _, path := range []string{"/", "/modules"} {
				code, page, _ := s.fetch(path)
				if code != http.StatusOK {
					t.Fatalf("GET %s = %d", path, code)
				}
				check("anonymous on "+path, page, tc.anon)
				if tc.user == nil {
					continue
				}
				alice := s.register("alice" + strings.Trim(path, "/"))
				_, page, _ = s.fetch(path, &http.Cookie{Name: sessionCookie, Value: alice.session})
				check(alice.name+" on "+path, page, tc.user)
			}
		})
	}
}
