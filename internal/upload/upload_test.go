package upload

import (
	"archive/tar"
	"bytes"
	"context"
	"errors"
	"io"
	"log/slog"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ccan-archive/ccan/internal/archive"
	"github.com/ccan-archive/ccan/internal/blob/fsblob"
	"github.com/ccan-archive/ccan/internal/build"
	"github.com/ccan-archive/ccan/internal/buildenv"
	"github.com/ccan-archive/ccan/internal/derrors"
	"github.com/ccan-archive/ccan/internal/lint"
	"github.com/ccan-archive/ccan/internal/module"
	"github.com/ccan-archive/ccan/internal/queue"
	"github.com/ccan-archive/ccan/internal/queue/sqlitequeue"
	"github.com/ccan-archive/ccan/internal/store"
	"github.com/ccan-archive/ccan/internal/store/sqlite"
	"github.com/ccan-archive/ccan/internal/upload/uploadtest"
)

var ctx = context.Background()

// needCC skips t when there is no C compiler, unless CCAN_TEST_MUST is
// set.
func needCC(t *testing.T) {
	t.Helper()
	if _, err := exec.LookPath("cc"); err != nil {
		if os.Getenv("CCAN_TEST_MUST") != "" {
			t.Fatalf("cc is required with CCAN_TEST_MUST set: %v", err)
		}
		t.Skipf("skipping: no cc: %v", err)
	}
}

func repoRoot() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..")
}

// testEnv is an archive with the starter modules (not linted), two
// users, a queue in the same file, a Service and a Worker that lints
// unconfined with the real lint suite.
type testEnv struct {
	st         *sqlite.Store
	q          queue.Queue
	svc        *Service
	w          *Worker
	alice, bob *store.User
	scratch    string
}

// shared is what the tests share: the build cache and the tool probes,
// so that only the first lint configures and compiles tap.
var shared struct {
	once  sync.Once
	cache *build.Cache
	tools *lint.Tools
}

func newEnv(t *testing.T) *testEnv {
	t.Helper()
	needCC(t)
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
	tr, err := module.FindTree(filepath.Join(repoRoot(), "modules"))
	if err != nil {
		t.Fatal(err)
	}
	log := slog.New(slog.DiscardHandler)
	if testing.Verbose() {
		log = slog.New(slog.NewTextHandler(os.Stderr, nil))
	}
	im := &archive.Importer{Store: st, Blobs: bs, Log: slog.New(slog.DiscardHandler)}
	if _, err := im.ImportTree(ctx, tr); err != nil {
		t.Fatal(err)
	}
	e := &testEnv{st: st, q: q, scratch: filepath.Join(dir, "scratch")}
	if err := os.Mkdir(e.scratch, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"alice", "bob"} {
		u, err := st.CreateUser(ctx, name, name+"@example.org", "not-a-real-hash")
		if err != nil {
			t.Fatal(err)
		}
		if name == "alice" {
			e.alice = u
		} else {
			e.bob = u
		}
	}
	cacheDir := buildenv.CacheDir(os.Getenv)
	shared.once.Do(func() {
		shared.cache = &build.Cache{Dir: filepath.Join(cacheDir, "upload-test-build")}
		shared.tools = &lint.Tools{}
	})
	e.svc = New(Config{Store: st, Blobs: bs, Queue: q, Owners: st, Log: log})
	e.w = e.svc.NewWorker(WorkerConfig{Scratch: e.scratch, Lease: 30 * time.Second,
		Checker: &Checker{Unconfined: true, Cache: shared.cache, Jobs: runtime.NumCPU(), CacheDir: cacheDir, Tools: shared.tools}})
	return e
}

// submit uploads one file as user and runs the worker until the
// upload is final.
func (e *testEnv) submit(t *testing.T, user *store.User, name string, data []byte) *store.Upload {
	t.Helper()
	u, err := e.svc.Submit(ctx, user.ID, user.Name, []File{{Name: name, R: bytes.NewReader(data)}})
	if err != nil {
		t.Fatal(err)
	}
	return e.finish(t, u.ID)
}

// finish runs jobs until upload id is final.
func (e *testEnv) finish(t *testing.T, id int64) *store.Upload {
	t.Helper()
	for i := 0; i < 10; i++ {
		if _, err := e.w.RunOnce(ctx); err != nil {
			t.Fatal(err)
		}
		u, err := e.st.GetUpload(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if store.UploadFinal(u.Status) {
			if testing.Verbose() {
				t.Logf("upload %d: %s (%s)\n%s", id, u.Status, u.Reason, u.Log)
			}
			return u
		}
	}
	t.Fatalf("upload %d not final after 10 jobs", id)
	return nil
}

func wantStatus(t *testing.T, u *store.Upload, status, reason string) {
	t.Helper()
	if u.Status != status || !strings.Contains(u.Reason, reason) {
		t.Errorf("upload %d: %s (%q), want %s with reason containing %q\nlog:\n%s", u.ID, u.Status, u.Reason, status, reason, u.Log)
	}
}

func TestPublishGoodModule(t *testing.T) {
	e := newEnv(t)
	u := e.submit(t, e.alice, "greet.tar.gz", uploadtest.Tarball(t, uploadtest.Module("greet", uploadtest.Options{Version: "1.0"})))
	wantStatus(t, u, store.UploadPublished, "")
	if u.Module != "greet" || u.Version != "1.0" {
		t.Errorf("published as %s %s, want greet 1.0", u.Module, u.Version)
	}
	mv, err := e.st.GetModule(ctx, "greet", "")
	if err != nil {
		t.Fatal(err)
	}
	if mv.Version != "1.0" || !mv.Linted || mv.Total == 0 || mv.Score != mv.Total {
		t.Errorf("greet: version %s linted %v score %d/%d; want 1.0 with full marks", mv.Version, mv.Linted, mv.Score, mv.Total)
	}
	if mv.Tarball(store.TarballWithDeps) == nil || len(mv.Files) < 5 {
		t.Errorf("greet: %d files, tarballs %v", len(mv.Files), mv.Tarballs)
	}
	if owners, err := e.st.ModuleOwners(ctx, "greet"); err != nil || len(owners) != 1 || owners[0].User != "alice" {
		t.Errorf("owners of greet = %v, %v; want alice", owners, err)
	}
	if !strings.Contains(u.Log, "Total score:") || !strings.Contains(u.Log, "extracting greet.tar.gz") {
		t.Errorf("log lacks the lint report:\n%s", u.Log)
	}
	if strings.Contains(u.Log, e.scratch) {
		t.Errorf("log shows scratch paths:\n%s", u.Log)
	}
	// The same upload again publishes nothing new.
	again := e.submit(t, e.alice, "greet.tar.gz", uploadtest.Tarball(t, uploadtest.Module("greet", uploadtest.Options{Version: "1.0"})))
	wantStatus(t, again, store.UploadPublished, "identical")
	// Other content under the same version is refused: versions are immutable.
	changed := e.submit(t, e.alice, "greet.tar.gz", uploadtest.Tarball(t, uploadtest.Module("greet",
		uploadtest.Options{Version: "1.0", Sum: "return b + a;"})))
	wantStatus(t, changed, store.UploadRejected, "version 1.0 is already published")
	// A stranger may not publish the name.
	stranger := e.submit(t, e.bob, "greet.tar.gz", uploadtest.Tarball(t, uploadtest.Module("greet",
		uploadtest.Options{Version: "2.0"})))
	wantStatus(t, stranger, store.UploadRejected, "name ccan/greet is owned by alice")
	if vs, _ := e.st.Versions(ctx, "greet"); len(vs) != 1 {
		t.Errorf("greet has %d versions, want 1", len(vs))
	}
	// Nor a module of the archive nobody owns.
	list := e.submit(t, e.bob, "list.tar.gz", uploadtest.Tarball(t, uploadtest.Module("list", uploadtest.Options{})))
	wantStatus(t, list, store.UploadRejected, "ccan/list")
}

func TestNoTestsIsJunk(t *testing.T) {
	e := newEnv(t)
	u := e.submit(t, e.alice, "untested.tgz", uploadtest.Tarball(t, uploadtest.Module("untested", uploadtest.Options{NoTests: true})))
	wantStatus(t, u, store.UploadJunkcode, "no tests")
	if u.Junk != "alice-untested" {
		t.Errorf("junk name %q", u.Junk)
	}
	j, err := e.st.GetJunk(ctx, u.Junk)
	if err != nil {
		t.Fatal(err)
	}
	var paths []string
	for _, f := range j.Files {
		paths = append(paths, f.Path)
	}
	got := strings.Join(paths, " ")
	if !strings.Contains(got, "ccan/untested/untested.c") || !strings.Contains(got, "LINT-REPORT.txt") {
		t.Errorf("junk files: %s", got)
	}
	if _, err := e.st.GetModule(ctx, "untested", ""); !errors.Is(err, derrors.NotFound) {
		t.Errorf("junk upload published a module: %v", err)
	}
}

func TestSingleFilesAreJunk(t *testing.T) {
	e := newEnv(t)
	up, err := e.svc.Submit(ctx, e.alice.ID, e.alice.Name, []File{
		{Name: "hello.c", R: strings.NewReader("int main(void) { return 0; }\n")},
		{Name: "hello.h", R: strings.NewReader("int hello(void);\n")},
	})
	if err != nil {
		t.Fatal(err)
	}
	u := e.finish(t, up.ID)
	wantStatus(t, u, store.UploadJunkcode, "no _info")
	if j, err := e.st.GetJunk(ctx, "alice-hello"); err != nil || len(j.Files) != 3 {
		t.Errorf("junk = %+v, %v; want hello.c, hello.h and the report", j, err)
	}
}

func TestBadUploadsRejected(t *testing.T) {
	e := newEnv(t)
	garbage := e.submit(t, e.alice, "x.tar.gz", []byte("this is not gzip"))
	wantStatus(t, garbage, store.UploadRejected, "cannot be unpacked")
	// A tar with a ../ entry, written by hand (tarball.Write refuses it).
	evil := e.submit(t, e.alice, "evil.tar", rawTar(t, "../escape.c", "int x;"))
	wantStatus(t, evil, store.UploadRejected, "../escape.c")
	if _, err := os.Stat(filepath.Join(e.scratch, "..", "escape.c")); err == nil {
		t.Errorf("../escape.c was written")
	}
	two := e.submit(t, e.alice, "two.tar.gz", uploadtest.Tarball(t, append(
		uploadtest.Module("one", uploadtest.Options{}), uploadtest.Module("two", uploadtest.Options{})...)))
	wantStatus(t, two, store.UploadJunkcode, "one module at a time")
}

func TestSubmitChecks(t *testing.T) {
	e := newEnv(t)
	try := func(files []File) error {
		_, err := e.svc.Submit(ctx, e.alice.ID, "alice", files)
		return err
	}
	r := func() io.Reader { return strings.NewReader("x") }
	for _, tc := range []struct {
		files []File
		kind  error
	}{
		{nil, derrors.InvalidArgument},
		{[]File{{Name: "a.tar.gz", R: r()}, {Name: "b.c", R: r()}}, derrors.InvalidArgument},
		{[]File{{Name: "a.exe", R: r()}}, derrors.InvalidArgument},
		{[]File{{Name: "a.c", R: r()}, {Name: "dir/a.c", R: r()}}, derrors.InvalidArgument},
		{[]File{{Name: "a\n.c", R: r()}}, derrors.InvalidArgument},
	} {
		if err := try(tc.files); !errors.Is(err, tc.kind) {
			t.Errorf("Submit(%v) = %v, want %v", tc.files, err, tc.kind)
		}
	}
	small := New(Config{Store: e.st, Blobs: e.svc.cfg.Blobs, Queue: e.q, MaxBytes: 100, Log: e.svc.log})
	_, err := small.Submit(ctx, 1, "alice", []File{{Name: "a.c", R: bytes.NewReader(make([]byte, 101))}})
	if !errors.Is(err, derrors.TooLarge) {
		t.Errorf("101 bytes over a 100 byte cap: %v", err)
	}
	if _, err := small.Submit(ctx, 1, "alice", []File{{Name: "a.c", R: bytes.NewReader(make([]byte, 100))}}); err != nil {
		t.Errorf("100 bytes under a 100 byte cap: %v", err)
	}
	off := New(Config{Store: e.st, Blobs: e.svc.cfg.Blobs, Queue: e.q, Disabled: "no sandbox", Log: e.svc.log})
	if _, err := off.Submit(ctx, 1, "alice", []File{{Name: "a.c", R: r()}}); !errors.Is(err, derrors.Unavailable) ||
		!strings.Contains(err.Error(), "no sandbox") {
		t.Errorf("disabled Submit = %v", err)
	}
}

// TestRecovery covers the two ways a crash leaves work behind: a record
// without a job (Submit died between the two), and a claimed job whose
// worker died (its lease runs out and the job runs again, from the
// start, exactly once).
func TestRecovery(t *testing.T) {
	e := newEnv(t)
	bs := e.svc.cfg.Blobs
	info, err := bs.Put(ctx, bytes.NewReader(uploadtest.Tarball(t, uploadtest.Module("lost", uploadtest.Options{NoTests: true}))))
	if err != nil {
		t.Fatal(err)
	}
	u := &store.Upload{UserID: e.alice.ID, User: "alice", Files: []store.UploadFile{{Name: "lost.tar.gz", BlobKey: info.Key, Size: info.Size}}}
	if err := e.st.CreateUpload(ctx, u); err != nil { // no job
		t.Fatal(err)
	}
	if did, err := e.w.RunOnce(ctx); did || err != nil {
		t.Fatalf("RunOnce before Reconcile = %v, %v; want no job", did, err)
	}
	if err := e.w.Reconcile(ctx); err != nil {
		t.Fatal(err)
	}
	wantStatus(t, e.finish(t, u.ID), store.UploadJunkcode, "no tests")

	// A worker claims an upload and dies (here: never reports back).
	up, err := e.svc.Submit(ctx, e.alice.ID, "alice", []File{{Name: "x.c", R: strings.NewReader("int x;\n")}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := e.q.Claim(ctx, JobKind, 500*time.Millisecond); err != nil {
		t.Fatal(err)
	}
	if did, _ := e.w.RunOnce(ctx); did {
		t.Fatal("a leased job was handed out twice")
	}
	time.Sleep(600 * time.Millisecond)
	got := e.finish(t, up.ID)
	wantStatus(t, got, store.UploadJunkcode, "no _info")
	if got.Attempts != 1 || !strings.Contains(got.Log, "attempt 2") {
		t.Errorf("after a lost lease: attempts %d, log:\n%s", got.Attempts, got.Log)
	}
	if j, err := e.q.Lookup(ctx, jobKey(up.ID)); err != nil || j.State != queue.StateDone {
		t.Errorf("job = %+v, %v; want done", j, err)
	}
}

// rawTar writes a one-file tar without any name checks.
func rawTar(t *testing.T, name, content string) []byte {
	t.Helper()
	var buf bytes.Buffer
	tw := tar.NewWriter(&buf)
	err := tw.WriteHeader(&tar.Header{Name: name, Mode: 0o644, Size: int64(len(content)), Typeflag: tar.TypeReg})
	if err == nil {
		_, err = tw.Write([]byte(content))
	}
	if err == nil {
		err = tw.Close()
	}
	if err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}
