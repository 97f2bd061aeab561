package hostiletest

import (
	"archive/tar"
	"archive/zip"
	"bytes"
	"compress/flate"
	"compress/gzip"
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"io/fs"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/rogpeppe/go-internal/txtar"

	"github.com/ccan-archive/ccan/internal/archive"
	"github.com/ccan-archive/ccan/internal/auth"
	"github.com/ccan-archive/ccan/internal/blob/fsblob"
	"github.com/ccan-archive/ccan/internal/build"
	"github.com/ccan-archive/ccan/internal/lint"
	"github.com/ccan-archive/ccan/internal/module"
	"github.com/ccan-archive/ccan/internal/queue/sqlitequeue"
	"github.com/ccan-archive/ccan/internal/sandbox"
	"github.com/ccan-archive/ccan/internal/server"
	"github.com/ccan-archive/ccan/internal/store"
	"github.com/ccan-archive/ccan/internal/store/sqlite"
	"github.com/ccan-archive/ccan/internal/tarball"
	"github.com/ccan-archive/ccan/internal/upload"
	"github.com/ccan-archive/ccan/internal/upload/uploadtest"
	"github.com/ccan-archive/ccan/modules"
)

// Limits of the test server: small, so hostile programs reach them in
// seconds, and large enough for cc, valgrind and gcov on a tiny module
// on a loaded 2-core machine.
var sandboxLimits = sandbox.Config{
	// A uid range of its own: whatever runs under these uids after the
	// test is this test's (other packages' sandbox tests use the
	// default range at the same time).
	UIDBase:  sandbox.DefaultUIDBase + 200_000,
	CPUTime:  2 * time.Second,
	WallTime: 12 * time.Second,
	Memory:   256 << 20,
	Procs:    16,
	FileSize: 2 << 20,
	TmpSize:  16 << 20,
}

// scratchPrefix starts the names of the worker's job directories.
const scratchPrefix = "ccan-upload-"

// maxScratch is what a job's scratch directory may hold.
const maxScratch = 64 << 20

// pageDeadline is how long a page of the site may take while the
// corpus is checked.
const pageDeadline = 10 * time.Second

// need skips t because what is missing, or fails it under
// CCAN_TEST_MUST (CI).
func need(t *testing.T, what string, err error) {
	t.Helper()
	if os.Getenv("CCAN_TEST_MUST") != "" {
		t.Fatalf("%s is required with CCAN_TEST_MUST set: %v", what, err)
	}
	t.Skipf("skipping: %s not available: %v (CI sets CCAN_TEST_MUST to make this a failure)", what, err)
}

// site is a running archive server with uploads checked in the sandbox.
type site struct {
	t        *testing.T
	data     string // data directory: ccan.db, blobs/, secret.txt
	scratch  string // the worker's scratch root
	sentinel string // a world-writable directory nothing may change
	st       *sqlite.Store
	ts       *httptest.Server
	token    string
	stop     func() // stops the worker and waits for it
	secret   string // content of data/secret.txt
}

func repoRoot() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..", "..")
}

// visibleDir makes a directory outside /tmp (the sandbox has a /tmp of
// its own, so a directory there would be out of reach anyway), which
// everybody may search.
func visibleDir(t *testing.T, pattern string, perm os.FileMode) string {
	t.Helper()
	dir, err := os.MkdirTemp("/var/tmp", pattern)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	if err := os.Chmod(dir, perm); err != nil {
		t.Fatal(err)
	}
	return dir
}

// newSite starts the server as "ccan serve" does (cmd/ccan/serve.go,
// serveupload.go), with the limits above.
func newSite(t *testing.T) *site {
	t.Helper()
	if os.Geteuid() != 0 {
		need(t, "root", errors.New("the sandbox switches to unprivileged slot uids"))
	}
	for _, tool := range []string{"bwrap", "setpriv", "prlimit", "cc"} {
		if _, err := exec.LookPath(tool); err != nil {
			need(t, tool, err)
		}
	}
	ctx := context.Background()
	s := &site{t: t,
		data:     visibleDir(t, "ccan-hostile-data-", 0o755),
		scratch:  visibleDir(t, "ccan-hostile-scratch-", 0o755),
		sentinel: visibleDir(t, "ccan-hostile-sentinel-", 0o777),
		secret:   "CCAN-HOSTILE-SECRET-" + rand.Text(),
	}
	// World-readable and world-writable: only the sandbox keeps the
	// uploaded code from them.
	for _, f := range []struct{ path, text string }{
		{filepath.Join(s.data, "secret.txt"), s.secret + "\n"},
		{filepath.Join(s.sentinel, "keep"), "keep me\n"},
	} {
		if err := os.WriteFile(f.path, []byte(f.text), 0o666); err != nil {
			t.Fatal(err)
		}
		if err := os.Chmod(f.path, 0o666); err != nil {
			t.Fatal(err)
		}
	}

	db := filepath.Join(s.data, "ccan.db")
	st, err := sqlite.Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	s.st = st
	bs, err := fsblob.New(filepath.Join(s.data, "blobs"))
	if err != nil {
		t.Fatal(err)
	}
	q, err := sqlitequeue.Open(ctx, db, sqlitequeue.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { q.Close() })
	log := slog.New(slog.DiscardHandler)
	if testing.Verbose() {
		log = slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
	}
	tr, err := module.FindTree(filepath.Join(repoRoot(), "modules"))
	if err != nil {
		t.Fatal(err)
	}
	im := &archive.Importer{Store: st, Blobs: bs, Log: slog.New(slog.DiscardHandler)}
	if _, err := im.ImportTree(ctx, tr); err != nil {
		t.Fatal(err)
	}
	s.token = newPublisher(t, st, "mallory")

	// The sandbox hides the data directory and the cache, as serve's.
	cacheRoot := cacheDir(t)
	cfg := sandboxLimits
	cfg.Slots = 4
	cfg.Hide = []string{s.data, cacheRoot}
	sb, err := sandbox.New(cfg)
	if err != nil {
		need(t, "the sandbox", err)
	}
	t.Cleanup(func() { sb.Close() })
	checker := &upload.Checker{Cache: &build.Cache{Dir: filepath.Join(cacheRoot, "upload-build")},
		Jobs: 2, CacheDir: cacheRoot, Tools: &lint.Tools{}, Timeout: time.Minute,
		Run: sb.Run, RunKey: sb.Key(), Share: sb.Share}
	svc := upload.New(upload.Config{Store: st, Blobs: bs, Queue: q, Owners: st, Log: log})
	srv, err := server.New(server.Config{Store: st, Blobs: bs, Log: log, Accounts: st, Uploads: svc,
		// Every page is rendered from the store while the worker writes
		// to it: no page cache to answer for it.
		CacheTTL: -1,
		Auth: server.AuthConfig{
			UploadPerIP:      auth.Rate{Every: time.Millisecond, Burst: 1000},
			UploadPerAccount: auth.Rate{Every: time.Millisecond, Burst: 1000},
		}})
	if err != nil {
		t.Fatal(err)
	}
	s.ts = httptest.NewServer(srv)
	t.Cleanup(s.ts.Close)
	w := svc.NewWorker(upload.WorkerConfig{Checker: checker, Slots: 2, Scratch: s.scratch,
		Poll: 200 * time.Millisecond, JobTimeout: 4 * time.Minute, MaxScratch: maxScratch,
		OnFinish: func(*store.Upload) { srv.Invalidate() }})
	wctx, cancel := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() {
		defer close(done)
		w.Run(wctx)
	}()
	var once sync.Once
	s.stop = func() { once.Do(func() { cancel(); <-done }) }
	t.Cleanup(s.stop)
	return s
}

// cacheDir is a cache root of the test's own: the sandbox hides it, and
// it must not be one that other tests' unconfined lints fill.
func cacheDir(t *testing.T) string {
	dir, err := os.MkdirTemp("", "ccan-hostile-cache-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	return dir
}

// newPublisher creates a user with a publish token, as the account page
// does, and returns the token.
func newPublisher(t *testing.T, st *sqlite.Store, name string) string {
	t.Helper()
	ctx := context.Background()
	u, err := st.CreateUser(ctx, name, name+"@example.org", "not-a-real-hash")
	if err != nil {
		t.Fatal(err)
	}
	tok, prefix, hash := auth.NewToken()
	if err := st.CreateToken(ctx, &store.Token{UserID: u.ID, Name: "hostile", Prefix: prefix,
		Scopes: []string{store.ScopePublish}, Expires: time.Now().Add(24 * time.Hour)}, hash); err != nil {
		t.Fatal(err)
	}
	return tok
}

// post uploads data as file name through the API; it returns the HTTP
// status and the decoded answer.
func (s *site) post(name string, data []byte) (int, *store.Upload, string) {
	s.t.Helper()
	req, _ := http.NewRequest("POST", s.ts.URL+"/api/upload?filename="+url.QueryEscape(name), bytes.NewReader(data))
	req.Header.Set("Authorization", "Bearer "+s.token)
	req.Header.Set("Content-Type", "application/octet-stream")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		s.t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	var u store.Upload
	if resp.StatusCode == http.StatusAccepted {
		if err := json.Unmarshal(body, &u); err != nil {
			s.t.Fatalf("POST %s: %v\n%s", name, err, body)
		}
	}
	return resp.StatusCode, &u, string(body)
}

// status GETs upload id through the API.
func (s *site) status(id int64) *store.Upload {
	s.t.Helper()
	req, _ := http.NewRequest("GET", fmt.Sprintf("%s/api/upload/%d", s.ts.URL, id), nil)
	req.Header.Set("Authorization", "Bearer "+s.token)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		s.t.Fatal(err)
	}
	defer resp.Body.Close()
	var u store.Upload
	if err := json.NewDecoder(resp.Body).Decode(&u); err != nil || resp.StatusCode != http.StatusOK {
		s.t.Fatalf("GET upload %d: %d %v", id, resp.StatusCode, err)
	}
	return &u
}

// get fetches a page and returns its status and body.
func (s *site) get(path string) (int, []byte, error) {
	c := &http.Client{Timeout: 2 * pageDeadline}
	resp, err := c.Get(s.ts.URL + path)
	if err != nil {
		return 0, nil, err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	return resp.StatusCode, b, err
}

// pager fetches pages of the site until stopped, noting failures and
// the slowest answer.
type pager struct {
	mu      sync.Mutex
	n       int
	slowest time.Duration
	slowURL string
	errs    []string
	stop    chan struct{}
	done    chan struct{}
}

func (s *site) startPager(paths ...string) *pager {
	p := &pager{stop: make(chan struct{}), done: make(chan struct{})}
	go func() {
		defer close(p.done)
		for {
			for _, path := range paths {
				start := time.Now()
				code, body, err := s.get(path)
				d := time.Since(start)
				p.mu.Lock()
				p.n++
				if d > p.slowest {
					p.slowest, p.slowURL = d, path
				}
				switch {
				case err != nil:
					p.errs = append(p.errs, fmt.Sprintf("GET %s: %v after %v", path, err, d))
				case code != http.StatusOK:
					p.errs = append(p.errs, fmt.Sprintf("GET %s: %d after %v: %.200s", path, code, d, body))
				case d > pageDeadline:
					p.errs = append(p.errs, fmt.Sprintf("GET %s took %v", path, d))
				}
				p.mu.Unlock()
			}
			select {
			case <-p.stop:
				return
			case <-time.After(200 * time.Millisecond):
			}
		}
	}()
	return p
}

func (p *pager) finish() {
	close(p.stop)
	<-p.done
}

// hostile is one upload of the corpus and what must become of it.
type hostile struct {
	name string // the case, as docs/security.md lists it
	file string // the upload's file name
	// module is the corpus file (testdata/hostile/NAME.txtar) when the
	// upload is a module; data makes the upload otherwise.
	module string
	data   func(s *site) []byte
	// status is the final status the upload must reach; reason holds
	// strings its reason must hold (each one of alternatives separated
	// by "|").
	status string
	reason []string
	// fails is the lint check that must fail (published modules).
	fails string
	// shows are strings the uploader and visitors must see (in the
	// upload's log and reason, the lint report or the junkcode
	// report), each one of alternatives separated by "|"; hides,
	// strings they must never see.
	shows, hides []string
}

// stopped is how a test run stopped by the wall-time or the CPU-time
// limit shows, whichever came first on a loaded machine.
const stopped = "(timed out)|(killed by signal: CPU time limit exceeded)"

// corpus is the hostile-upload corpus.
func corpus() []hostile {
	return []hostile{
		// A well-behaved module: the limits leave room for real work.
		{name: "control: a good module", file: "hostile_control.tar.gz", status: store.UploadPublished,
			data: func(s *site) []byte {
				return tarballOf(s.t, uploadtest.Module("hostile_control", uploadtest.Options{Version: "1.0"}))
			}},

		// Uploaded code: modules whose test or _info misbehaves. Their
		// compulsory checks pass, so they are published with their
		// failing test in the score, as any module whose test fails.
		{name: "fork bomb", module: "forkbomb", status: store.UploadPublished, fails: "tests_pass",
			shows: []string{"fork failed after", "Resource temporarily unavailable", stopped}},
		{name: "memory hog", module: "memhog", status: store.UploadPublished, fails: "tests_pass",
			shows: []string{"malloc failed after"}},
		{name: "infinite loop", module: "loop", status: store.UploadPublished, fails: "tests_pass",
			shows: []string{stopped}},
		{name: "busy _info", module: "busyinfo", status: store.UploadJunkcode,
			reason: []string{"a compulsory check failed", "_info depends", "timed out after|killed by CPU time limit exceeded"}},
		{name: "network connect to 127.0.0.1", module: "connect", status: store.UploadPublished, fails: "tests_pass",
			shows: []string{"connect 127.0.0.1:", "Connection refused"}, hides: []string{"CONNECTED"}},
		{name: "reading the database and /etc/shadow", module: "readsecrets", status: store.UploadPublished, fails: "tests_pass",
			shows: []string{"ccan.db: No such file or directory", "secret.txt: No such file or directory", "/etc/shadow: Permission denied"},
			hides: []string{"STOLEN", "SQLite format"}},
		{name: "writing outside the scratch dir", module: "writeoutside", status: store.UploadPublished, fails: "tests_pass",
			shows: []string{"/pwned: Read-only file system", "/keep: Read-only file system", "ccan.db: Read-only file system",
				"/etc/ccan-hostile-pwned: Read-only file system", "hostile_writeoutside.h: Read-only file system",
				"WROTE written-in-scratch"},
			// Only the sandbox's private /tmp and the working directory
			// take the writes.
			hides: []string{"WROTE /var", "WROTE /etc", "WROTE ../"}},
		{name: "output flood", module: "flood", status: store.UploadPublished, fails: "tests_pass",
			shows: []string{"flood flood", "bytes left out", stopped}},
		{name: "disk-filling test", module: "diskfill", status: store.UploadRejected,
			reason: []string{"more than 64 MiB to their scratch directory (a test that fills the disk?)"}},

		// Archives: refused while unpacking, before anything runs.
		{name: "../ entries", file: "dotdot.tar.gz", status: store.UploadRejected,
			data: func(s *site) []byte {
				// From the extraction directory (SCRATCH/JOB/upload) up to
				// /var/tmp and into the sentinel directory.
				return tgz(s.t, moduleEntries("dotdot"),
					entry{name: "ccan/hostile_dotdot/../../../../../" + filepath.Base(s.sentinel) + "/pwned", body: "pwned\n"})
			},
			reason: []string{"path escapes the upload"}},
		{name: "absolute paths", file: "absolute.tar.gz", status: store.UploadRejected,
			data: func(s *site) []byte {
				return tgz(s.t, moduleEntries("absolute"), entry{name: filepath.Join(s.sentinel, "pwned"), body: "pwned\n"})
			},
			reason: []string{"absolute path"}},
		{name: "symlink to /", file: "symlink.tar.gz", status: store.UploadRejected,
			data: func(s *site) []byte {
				return tgz(s.t, moduleEntries("symlink"), entry{name: "ccan/hostile_symlink/root", link: "/"},
					entry{name: "ccan/hostile_symlink/root" + s.sentinel + "/pwned", body: "pwned\n"})
			},
			reason: []string{`symlink to the absolute path "/"`}},
		{name: "hard link to a file outside", file: "hardlink.tar.gz", status: store.UploadRejected,
			data: func(s *site) []byte {
				return tgz(s.t, moduleEntries("hardlink"),
					entry{name: "ccan/hostile_hardlink/keep", hardlink: filepath.Join(s.sentinel, "keep")})
			},
			reason: []string{"hard link to", "outside the upload"}},
		{name: "hard link up and out", file: "hardlink-up.tar.gz", status: store.UploadRejected,
			data: func(s *site) []byte {
				return tgz(s.t, moduleEntries("hardlinkup"),
					entry{name: "ccan/hostile_hardlinkup/passwd", hardlink: "../../../../../../etc/passwd"})
			},
			reason: []string{"hard link to", "outside the upload"}},
		{name: "zip bomb", file: "bomb.zip", status: store.UploadRejected,
			data:   func(s *site) []byte { return zipBomb(s.t, 1<<30, 8<<20) },
			reason: []string{"zip data inflates more than 200 times (a compression bomb?)"}},
		{name: "tar.gz bomb", file: "bomb.tar.gz", status: store.UploadRejected,
			data:   func(s *site) []byte { return tgzBomb(s.t, 1<<30, 8<<20) },
			reason: []string{"gzip data inflates more than 200 times (a compression bomb?)"}},
		{name: "100,000 tiny files", file: "tiny.tar.gz", status: store.UploadRejected,
			data:   func(s *site) []byte { return tinyTgz(s.t, 100_000) },
			reason: []string{"more than 10000 files and directories"}},
		{name: "name with a newline", file: "newline.tar.gz", status: store.UploadRejected,
			data: func(s *site) []byte {
				return tgz(s.t, moduleEntries("newline"), entry{name: "ccan/hostile_newline/evil\nname.c", body: "int x;\n"})
			},
			reason: []string{`"ccan/hostile_newline/evil\nname.c": name contains a newline`}},
		{name: "name with a NUL (zip)", file: "nul.zip", status: store.UploadRejected,
			data: func(s *site) []byte {
				return zipOf(s.t, entry{name: "hostile_nul/_info", body: "x"}, entry{name: "hostile_nul/a\x00/../../../pwned", body: "pwned\n"})
			},
			reason: []string{`"hostile_nul/a\x00/../../../pwned": name contains a NUL byte`}},
		{name: "name with a NUL (tar)", file: "nul.tar.gz", status: store.UploadRejected,
			data: func(s *site) []byte { return gz(s.t, tarNUL(s.t)) },
			// archive/tar refuses the header before the name is seen.
			reason: []string{"damaged archive", "invalid tar header"}},
	}
}

// TestHostileUploads sends the whole corpus to one server at once,
// fetching pages all the while, then checks each outcome and that
// nothing outside the scratch directories changed.
func TestHostileUploads(t *testing.T) {
	if testing.Short() {
		t.Skip("checks a dozen hostile uploads in the sandbox: not with -short")
	}
	start := time.Now()
	s := newSite(t)

	// The outside world, before.
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	accepted := make(chan string, 10)
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			accepted <- c.RemoteAddr().String()
			c.Close()
		}
	}()
	nonce := rand.Text()
	outside := []string{ // files the corpus tries to create
		filepath.Join("/var/tmp", "ccan-hostile-pwned-"+nonce),
		filepath.Join("/tmp", "ccan-hostile-pwned-"+nonce),
		"/etc/ccan-hostile-pwned",
		filepath.Join(s.scratch, "pwned"),
	}
	for _, p := range outside {
		if _, err := os.Lstat(p); err == nil {
			t.Fatalf("%s exists before the test", p)
		}
	}
	vars := strings.NewReplacer(
		"@PORT@", strconv.Itoa(ln.Addr().(*net.TCPAddr).Port),
		"@SERVERPORT@", strconv.Itoa(s.ts.Listener.Addr().(*net.TCPAddr).Port),
		"@DATADIR@", s.data,
		"@SENTINEL@", s.sentinel,
		"@SCRATCH@", s.scratch,
		"@VARTMP@", outside[0],
		"@HOSTTMP@", filepath.Base(outside[1]),
		"@DISKCAP@", strconv.FormatInt(diskCap, 10),
	)
	shadow := shadowLine(t)
	listBefore := starter(t, s, "list")
	dataBefore := snapshot(t, s.data)
	sentinelBefore := snapshot(t, s.sentinel)

	// Everything is uploaded at once, while pages are fetched and the
	// scratch root is measured.
	pages := s.startPager("/", "/modules", "/m/list")
	peak := watchPeak(s.scratch)
	cases := corpus()
	ids := make([]int64, len(cases))
	sources := make([]map[string]string, len(cases))
	for i, c := range cases {
		var data []byte
		file := c.file
		if c.module != "" {
			file = c.module + ".tar.gz"
			data, sources[i] = packModule(t, c.module, vars)
		} else {
			data = c.data(s)
		}
		code, u, body := s.post(file, data)
		if code != http.StatusAccepted {
			t.Fatalf("%s: POST /api/upload: %d %s", c.name, code, body)
		}
		ids[i] = u.ID
	}
	// Bad names of the upload itself are refused at once.
	var table strings.Builder
	for _, name := range []string{"evil\nname.tar.gz", "evil\x00name.tar.gz"} {
		code, _, body := s.post(name, tgz(t, moduleEntries("badname")))
		if code != http.StatusBadRequest || !strings.Contains(body, "bad file name") {
			t.Errorf("upload named %q: %d %s; want 400 bad file name", name, code, body)
		}
		var e struct{ Error string }
		json.Unmarshal([]byte(body), &e)
		fmt.Fprintf(&table, "| upload named %q | refused: HTTP %d | %s |\n", name, code, e.Error)
	}
	final := make([]*store.Upload, len(cases))
	deadline := time.Now().Add(6 * time.Minute)
	for left := len(cases); left > 0; time.Sleep(500 * time.Millisecond) {
		if time.Now().After(deadline) {
			for i, c := range cases {
				if final[i] == nil {
					u := s.status(ids[i])
					t.Errorf("%s: upload %d still %s after 6 minutes\n%s", c.name, u.ID, u.Status, u.Log)
				}
			}
			t.FailNow()
		}
		for i := range cases {
			if final[i] != nil {
				continue
			}
			if u := s.status(ids[i]); store.UploadFinal(u.Status) {
				final[i] = u
				left--
			}
		}
	}
	checked := time.Since(start)
	pages.finish()
	s.stop()
	peakBytes, peakFiles := peak()
	t.Logf("scratch root: at most %.1f MiB and %d files at once (jobs are stopped past %d MiB)",
		float64(peakBytes)/(1<<20), peakFiles, maxScratch>>20)
	if peakBytes > maxScratch+512<<20 {
		t.Errorf("the scratch root grew to %d MiB: the disk-filling test was not stopped", peakBytes>>20)
	}

	t.Logf("corpus checked in %v; %d page loads, slowest %v (%s)", checked.Round(time.Second), pages.n, pages.slowest.Round(time.Millisecond), pages.slowURL)
	for _, e := range pages.errs {
		t.Errorf("the site stopped serving: %s", e)
	}
	for i, c := range cases {
		u := final[i]
		why := u.Reason
		if u.Status == store.UploadPublished && c.fails != "" {
			msg := lintMessage(t, s, u.Module, c.fails)
			why = c.fails + " fails: " + msg
			if testing.Verbose() {
				t.Logf("%s: %s fails:\n%.2000s", c.name, c.fails, msg)
			}
		}
		fmt.Fprintf(&table, "| %s | %s | %s |\n", c.name, u.Status, oneLine(why))
		t.Run(strings.ReplaceAll(c.name, " ", "_"), func(t *testing.T) {
			c.verify(t, s, u, shadow)
			if sources[i] != nil {
				unchanged(t, s, u, sources[i])
			}
		})
	}
	t.Logf("outcomes:\n%s", table.String())

	// Nothing outside changed.
	select {
	case from := <-accepted:
		t.Errorf("the listener on 127.0.0.1 accepted a connection from %s", from)
	default:
	}
	for _, p := range outside {
		if _, err := os.Lstat(p); err == nil {
			t.Errorf("%s was created", p)
			os.Remove(p)
		}
	}
	if ents, err := os.ReadDir(s.scratch); err != nil || len(ents) != 0 {
		t.Errorf("scratch root after the jobs: %v, %v; want it empty", ents, err)
	}
	diffData(t, s.data, dataBefore, snapshot(t, s.data))
	if diff := diffSnapshots(sentinelBefore, snapshot(t, s.sentinel)); diff != "" {
		t.Errorf("the sentinel directory changed:\n%s", diff)
	}
	for _, p := range slotProcesses() {
		t.Errorf("process %d (%s) still runs as sandbox uid %d", p.pid, p.comm, p.uid)
	}
	if err := exec.Command("true").Run(); err != nil {
		t.Errorf("cannot start a process after the corpus: %v", err)
	}
	if after := starter(t, s, "list"); after != listBefore {
		t.Errorf("starter module list changed: %s, then %s", listBefore, after)
	}
	if where := grepData(t, s.data, s.secret); len(where) > 0 {
		t.Errorf("the secret of data/secret.txt was copied into %s", strings.Join(where, ", "))
	}
	t.Logf("wall time %v", time.Since(start).Round(time.Second))
}

// watchPeak measures dir every 20 ms until the returned function is
// called, which returns the largest size (disk blocks) and number of
// entries seen.
func watchPeak(dir string) func() (int64, int) {
	var bytes int64
	var files int
	stop, done := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(done)
		for {
			var b int64
			var n int
			filepath.WalkDir(dir, func(_ string, d fs.DirEntry, err error) error {
				if err != nil {
					return nil
				}
				n++
				if fi, err := d.Info(); err == nil {
					b += fi.Sys().(*syscall.Stat_t).Blocks * 512
				}
				return nil
			})
			bytes, files = max(bytes, b), max(files, n)
			select {
			case <-stop:
				return
			case <-time.After(20 * time.Millisecond):
			}
		}
	}()
	return func() (int64, int) {
		close(stop)
		<-done
		return bytes, files
	}
}

// diskCap stops the disk-filling test in any case (it runs on the test
// machine): far above what a job may write.
const diskCap = 1 << 30

// verify checks one final upload.
func (c hostile) verify(t *testing.T, s *site, u *store.Upload, shadow string) {
	t.Logf("upload %d: %s: %s", u.ID, u.Status, u.Reason)
	if u.Status != c.status {
		t.Errorf("status %s, want %s\nlog:\n%s", u.Status, c.status, tail(u.Log))
	}
	for _, want := range c.reason {
		if !slices.ContainsFunc(strings.Split(want, "|"), func(w string) bool { return strings.Contains(u.Reason, w) }) {
			t.Errorf("reason %q lacks %q", u.Reason, want)
		}
	}
	// What the uploader and visitors see of the upload: its log and
	// reason, the module's page and lint report, or the junkcode entry.
	seen := u.Log + "\n" + u.Reason + "\n"
	switch u.Status {
	case store.UploadPublished:
		code, page, err := s.get("/m/" + u.Module)
		if err != nil || code != http.StatusOK {
			t.Fatalf("GET /m/%s: %d %v", u.Module, code, err)
		}
		seen += string(page)
		lr, text := lintOf(t, s, u.Module)
		seen += text
		failed := ""
		for _, lc := range lr.Checks {
			if !strings.HasPrefix(lc.Status, "pass") && !strings.HasPrefix(lc.Status, "skip") && !strings.HasPrefix(lc.Status, "cant_run") {
				failed += " " + lc.Key
			}
		}
		if c.fails == "" && lr.Score != lr.Total {
			t.Errorf("score %d/%d, want full marks (failed:%s)", lr.Score, lr.Total, failed)
		}
		if c.fails != "" && !strings.Contains(failed+" ", " "+c.fails+" ") {
			t.Errorf("check %s did not fail (failed:%s)", c.fails, failed)
		}
	case store.UploadJunkcode:
		j, err := s.st.GetJunk(context.Background(), u.Junk)
		if err != nil {
			t.Fatal(err)
		}
		for _, path := range append([]string{""}, junkFiles(j)...) {
			code, b, err := s.get("/junkcode/" + u.Junk + path)
			if err != nil || code != http.StatusOK {
				t.Fatalf("GET /junkcode/%s%s: %d %v", u.Junk, path, code, err)
			}
			seen += string(b)
		}
	}
	if testing.Verbose() {
		t.Logf("log:\n%s", u.Log)
	}
	if len(seen) > 1<<20 {
		t.Errorf("%d bytes of log, pages and reports: output was not capped", len(seen))
	}
	for _, want := range c.shows {
		if !slices.ContainsFunc(strings.Split(want, "|"), func(w string) bool { return strings.Contains(seen, w) }) {
			t.Errorf("neither the log nor the reports show %q:\n%s", want, tail(seen))
		}
	}
	// The job's scratch directory is named only in the server's own log.
	hides := append([]string{s.secret, "SQLite format", "/" + scratchPrefix, s.data + "/blobs"}, c.hides...)
	if shadow != "" {
		hides = append(hides, shadow)
	}
	for _, b := range hides {
		if strings.Contains(seen, b) {
			t.Errorf("the log or a report shows %q:\n%s", b, tail(seen))
		}
	}
}

// lintMessage is the message of check key of a published module.
func lintMessage(t *testing.T, s *site, name, key string) string {
	lr, _ := lintOf(t, s, name)
	for _, lc := range lr.Checks {
		if lc.Key != key {
			continue
		}
		var msgs []struct{ Message string }
		json.Unmarshal(lc.Messages, &msgs)
		var out []string
		for _, m := range msgs {
			out = append(out, m.Message)
		}
		return strings.Join(out, " ")
	}
	return ""
}

// junkFiles are the raw paths of a junkcode entry's files.
func junkFiles(j *store.Junk) []string {
	var out []string
	for _, f := range j.Files {
		out = append(out, "/-/raw/"+f.Path)
	}
	return out
}

// lintOf returns a published module's lint result (GET /api/lint) and
// the text of its messages.
func lintOf(t *testing.T, s *site, name string) (*store.LintResult, string) {
	t.Helper()
	code, b, err := s.get("/api/lint/" + name)
	if err != nil || code != http.StatusOK {
		t.Fatalf("GET /api/lint/%s: %d %v", name, code, err)
	}
	var lr store.LintResult
	if err := json.Unmarshal(b, &lr); err != nil {
		t.Fatal(err)
	}
	var text strings.Builder
	for _, lc := range lr.Checks {
		var msgs []struct{ File, Message string }
		if len(lc.Messages) > 0 {
			if err := json.Unmarshal(lc.Messages, &msgs); err != nil {
				t.Fatalf("%s messages: %v", lc.Key, err)
			}
		}
		fmt.Fprintf(&text, "%s: %s\n", lc.Key, lc.Status)
		for _, m := range msgs {
			fmt.Fprintf(&text, "%s:%s\n", m.File, m.Message)
		}
	}
	return &lr, text.String()
}

func tail(s string) string {
	if len(s) > 4000 {
		return "..." + s[len(s)-4000:]
	}
	return s
}

func oneLine(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if len(s) > 200 {
		s = s[:200] + "..."
	}
	return s
}

// unchanged checks that what a module upload became (the module's
// files, or the junkcode entry's) holds the files as uploaded: the
// uploaded code, which tried to write them, did not change them.
func unchanged(t *testing.T, s *site, u *store.Upload, sent map[string]string) {
	for path, want := range sent {
		var url string
		switch u.Status {
		case store.UploadPublished:
			rel, ok := strings.CutPrefix(path, "ccan/"+u.Module+"/")
			if !ok {
				t.Fatalf("%s is outside ccan/%s", path, u.Module)
			}
			url = "/m/" + u.Module + "/-/raw/" + rel
		case store.UploadJunkcode:
			url = "/junkcode/" + u.Junk + "/-/raw/" + path
		default:
			return
		}
		code, got, err := s.get(url)
		if err != nil || code != http.StatusOK || string(got) != want {
			t.Errorf("GET %s: %d %v: the file differs from the upload:\n%s", url, code, err, got)
		}
	}
}

// placeholders are the names the corpus files are filled in with.
var placeholders = regexp.MustCompile(`@[A-Z]+@`)

// packModule reads testdata/hostile/NAME.txtar, fills in its
// placeholders and packs it as a .tar.gz with a license; it returns the
// archive and the files filled in.
func packModule(t *testing.T, name string, vars *strings.Replacer) ([]byte, map[string]string) {
	t.Helper()
	ar, err := txtar.ParseFile(filepath.Join("testdata", "hostile", name+".txtar"))
	if err != nil {
		t.Fatal(err)
	}
	var es []tarball.Entry
	files := map[string]string{}
	for _, f := range ar.Files {
		data := vars.Replace(string(f.Data))
		if left := placeholders.FindString(data); left != "" {
			t.Fatalf("%s: %s: placeholder %s is not filled in", name, f.Name, left)
		}
		es = append(es, tarball.Entry{Name: f.Name, Data: []byte(data)})
		files[f.Name] = data
	}
	return tarballOf(t, withLicense(es)), files
}

// withLicense adds licenses/CC0 and each module's LICENSE link to it,
// as the starter modules have them.
func withLicense(es []tarball.Entry) []tarball.Entry {
	cc0, err := modules.Licenses.ReadFile("licenses/CC0")
	if err != nil {
		panic(err) // embedded
	}
	dirs := map[string]bool{}
	for _, e := range es {
		if strings.HasSuffix(e.Name, "/_info") {
			dirs[filepath.Dir(e.Name)] = true
		}
	}
	for d := range dirs {
		es = append(es, tarball.Entry{Name: d + "/LICENSE", Link: "../../licenses/CC0"})
	}
	return append(es, tarball.Entry{Name: "licenses/CC0", Data: cc0})
}

func tarballOf(t *testing.T, es []tarball.Entry) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := tarball.Write(&buf, es); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// entry is one member of a generated archive: a file (body), a symlink
// (link) or a hard link (hardlink).
type entry struct {
	name, body, link, hardlink string
}

// moduleEntries is a harmless module ccan/hostile_NAME for an archive
// that adds something hostile to it.
func moduleEntries(name string) []entry {
	dir := "ccan/hostile_" + name + "/"
	return []entry{
		{name: dir + "_info", body: "int main(int argc, char *argv[]) { return 0; }\n"},
		{name: dir + "hostile_" + name + ".h", body: "/* nothing */\n"},
		{name: dir + "test/run.c", body: "int main(void) { return 0; }\n"},
	}
}

// tarBytes writes es as a tar without checking names.
func tarBytes(t *testing.T, es []entry) []byte {
	t.Helper()
	var buf bytes.Buffer
	tw := tar.NewWriter(&buf)
	for _, e := range es {
		h := &tar.Header{Name: e.name, Mode: 0o644, Typeflag: tar.TypeReg, Size: int64(len(e.body)), Format: tar.FormatPAX}
		switch {
		case e.link != "":
			h.Typeflag, h.Linkname, h.Size, h.Mode = tar.TypeSymlink, e.link, 0, 0o777
		case e.hardlink != "":
			h.Typeflag, h.Linkname, h.Size = tar.TypeLink, e.hardlink, 0
		}
		if err := tw.WriteHeader(h); err != nil {
			t.Fatalf("%q: %v", e.name, err)
		}
		if _, err := io.WriteString(tw, e.body); err != nil {
			t.Fatal(err)
		}
	}
	if err := tw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func tgz(t *testing.T, es []entry, more ...entry) []byte {
	return gz(t, tarBytes(t, append(es, more...)))
}

func gz(t *testing.T, b []byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	zw.Write(b)
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func zipOf(t *testing.T, es ...entry) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, e := range es {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: e.name, Method: zip.Deflate})
		if err != nil {
			t.Fatal(err)
		}
		io.WriteString(w, e.body)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// tarNUL is a tar whose PAX path record holds a NUL byte: tar.Writer
// refuses to write one, so a placeholder byte is patched afterwards.
func tarNUL(t *testing.T) []byte {
	b := tarBytes(t, []entry{{name: "hostile_nul/caf\u00e9\x01/../../../pwned", body: "pwned\n"}})
	return bytes.Replace(b, []byte("\u00e9\x01"), []byte("\u00e9\x00"), 1)
}

// zipBomb is a zip of total bytes of zeros in entries of per bytes,
// all sharing one compressed copy (about 1 MiB for 1 GiB).
func zipBomb(t *testing.T, total, per int64) []byte {
	t.Helper()
	var def bytes.Buffer
	fw, _ := flate.NewWriter(&def, flate.BestCompression)
	zeros := make([]byte, per)
	fw.Write(zeros)
	if err := fw.Close(); err != nil {
		t.Fatal(err)
	}
	crc := crc32.ChecksumIEEE(zeros)
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for i := range total / per {
		w, err := zw.CreateRaw(&zip.FileHeader{Name: fmt.Sprintf("bomb/%d", i), Method: zip.Deflate,
			CRC32: crc, CompressedSize64: uint64(def.Len()), UncompressedSize64: uint64(per)})
		if err != nil {
			t.Fatal(err)
		}
		w.Write(def.Bytes())
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// tgzBomb is a .tar.gz of total bytes of zeros in entries of per bytes
// (a multiple of 512), made of gzip members so that the zeros are
// compressed once.
func tgzBomb(t *testing.T, total, per int64) []byte {
	t.Helper()
	zeros := gz(t, make([]byte, per))
	var out bytes.Buffer
	for i := range total / per {
		var hdr bytes.Buffer
		tw := tar.NewWriter(&hdr)
		if err := tw.WriteHeader(&tar.Header{Name: fmt.Sprintf("bomb/%d", i), Typeflag: tar.TypeReg, Size: per, Mode: 0o644}); err != nil {
			t.Fatal(err)
		}
		tw.Flush()
		out.Write(gz(t, hdr.Bytes()))
		out.Write(zeros)
	}
	out.Write(gz(t, make([]byte, 1024)))
	return out.Bytes()
}

// tinyTgz is a .tar.gz of n one-byte files.
func tinyTgz(t *testing.T, n int) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&buf, gzip.BestSpeed)
	tw := tar.NewWriter(zw)
	for i := range n {
		tw.WriteHeader(&tar.Header{Name: fmt.Sprintf("tiny/f%06d", i), Typeflag: tar.TypeReg, Size: 1, Mode: 0o644})
		tw.Write([]byte{'x'})
	}
	if err := tw.Close(); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// shadowLine is the first line of /etc/shadow ("" without one).
func shadowLine(t *testing.T) string {
	b, err := os.ReadFile("/etc/shadow")
	if err != nil {
		t.Logf("no /etc/shadow to compare with: %v", err)
		return ""
	}
	line, _, _ := strings.Cut(string(b), "\n")
	return line
}

// starter checks that starter module name shows and downloads intact;
// it returns its version and tarball hash.
func starter(t *testing.T, s *site, name string) string {
	t.Helper()
	code, body, err := s.get("/m/" + name)
	if err != nil || code != http.StatusOK || !bytes.Contains(body, []byte("ccan/"+name)) {
		t.Fatalf("GET /m/%s: %d %v", name, code, err)
	}
	mv, err := s.st.GetModule(context.Background(), name, "")
	if err != nil {
		t.Fatal(err)
	}
	tb := mv.Tarball(store.TarballModule)
	if tb == nil {
		t.Fatalf("%s has no tarball", name)
	}
	code, data, err := s.get("/download/" + tb.SHA256 + "/" + tb.Name)
	if err != nil || code != http.StatusOK {
		t.Fatalf("download %s: %d %v", tb.Name, code, err)
	}
	if sum := sha256.Sum256(data); hex.EncodeToString(sum[:]) != tb.SHA256 {
		t.Errorf("download %s: sha256 %x, want %s", tb.Name, sum, tb.SHA256)
	}
	return mv.Version + " " + tb.SHA256
}

// fileState is what a snapshot keeps of a file.
type fileState struct {
	mode fs.FileMode
	size int64
	sum  string // sha256 of a regular file's content, a symlink's target
}

func snapshot(t *testing.T, dir string) map[string]fileState {
	t.Helper()
	out := map[string]fileState{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		fi, err := d.Info()
		if err != nil {
			return err
		}
		st := fileState{mode: fi.Mode(), size: fi.Size()}
		switch {
		case fi.Mode().IsRegular():
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			sum := sha256.Sum256(b)
			st.sum = hex.EncodeToString(sum[:])
		case fi.Mode()&fs.ModeSymlink != 0:
			st.sum, _ = os.Readlink(p)
		case fi.IsDir():
			st.size = 0
		}
		rel, _ := filepath.Rel(dir, p)
		out[rel] = st
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// diffSnapshots lists the paths that differ.
func diffSnapshots(a, b map[string]fileState) string {
	var out []string
	for p, st := range a {
		if nst, ok := b[p]; !ok {
			out = append(out, "removed "+p)
		} else if nst != st {
			out = append(out, fmt.Sprintf("changed %s: %+v -> %+v", p, st, nst))
		}
	}
	for p := range b {
		if _, ok := a[p]; !ok {
			out = append(out, "added "+p)
		}
	}
	slices.Sort(out)
	return strings.Join(out, "\n")
}

// diffData checks the data directory: only the database changed, and
// only blobs were added, each named by the sha256 of its content (what
// the blob store writes).
func diffData(t *testing.T, dir string, before, after map[string]fileState) {
	t.Helper()
	isDB := func(p string) bool { return p == "ccan.db" || p == "ccan.db-wal" || p == "ccan.db-shm" }
	added := 0
	for p, st := range after {
		old, ok := before[p]
		switch {
		case isDB(p):
		case ok && old != st:
			t.Errorf("data/%s changed: %+v -> %+v", p, old, st)
		case ok:
		case st.mode.IsDir() && filepath.Dir(p) == "blobs" && len(filepath.Base(p)) == 2:
		case st.mode.IsRegular() && filepath.Dir(filepath.Dir(p)) == "blobs" && filepath.Base(p) == st.sum &&
			strings.HasPrefix(st.sum, filepath.Base(filepath.Dir(p))):
			added++
		default:
			t.Errorf("data/%s appeared (%v, %d bytes)", p, st.mode, st.size)
		}
	}
	for p := range before {
		if _, ok := after[p]; !ok && !isDB(p) {
			t.Errorf("data/%s was removed", p)
		}
	}
	t.Logf("data directory: %d blobs added, nothing else but the database changed", added)
}

// grepData lists the files of dir, but secret.txt, that hold needle.
func grepData(t *testing.T, dir, needle string) []string {
	t.Helper()
	var where []string
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || !d.Type().IsRegular() || p == filepath.Join(dir, "secret.txt") {
			return nil
		}
		if b, err := os.ReadFile(p); err == nil && bytes.Contains(b, []byte(needle)) {
			where = append(where, p)
		}
		return nil
	})
	return where
}

// slotProc is a process running as one of the test sandbox's uids.
type slotProc struct {
	pid, uid int
	comm     string
}

// slotProcesses lists live processes whose real uid is in the test
// sandbox's range (zombies, waiting for init to reap them, are not
// running anything).
func slotProcesses() []slotProc {
	var out []slotProc
	ents, _ := os.ReadDir("/proc")
	base := sandboxLimits.UIDBase
	for _, e := range ents {
		pid, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		b, err := os.ReadFile(filepath.Join("/proc", e.Name(), "status"))
		if err != nil {
			continue
		}
		var uid int
		var state, comm string
		for _, line := range strings.Split(string(b), "\n") {
			k, v, _ := strings.Cut(line, ":")
			v = strings.TrimSpace(v)
			switch k {
			case "Name":
				comm = v
			case "State":
				state = v
			case "Uid":
				uid, _ = strconv.Atoi(strings.Fields(v + " x")[0])
			}
		}
		if uid > base && uid <= base+1024 && !strings.HasPrefix(state, "Z") {
			out = append(out, slotProc{pid: pid, uid: uid, comm: comm})
		}
	}
	return out
}
