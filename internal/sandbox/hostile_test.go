package sandbox

// Hostile programs (testdata/*.c) run confined: each must be stopped
// with a clear reason, and newSandbox's cleanup checks the machine is
// fine afterwards.

import (
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/ccan-archive/ccan/internal/module"
	"github.com/ccan-archive/ccan/internal/runner"
)

func run(t *testing.T, sb *Sandbox, c runner.Cmd) (*runner.Result, error) {
	t.Helper()
	res, err := sb.Run(context.Background(), c)
	if res == nil {
		t.Fatalf("%s: no result: %v", c.Args[0], err)
	}
	t.Logf("%s: exit %d signal %q timed out %v truncated %v after %v; err %v; output %.300q",
		filepath.Base(c.Args[0]), res.ExitCode, res.Signal, res.TimedOut, res.Truncated, res.Elapsed, err, res.Output)
	return res, err
}

func TestForkBomb(t *testing.T) {
	cfg := testConfig()
	sb := newSandbox(t, cfg)
	dir := scratch(t, sb)
	bin := compile(t, dir, "forkbomb")
	// First a bounded probe: forking 3×Procs sleeping children must stop
	// short of the limit. Only then the real bomb.
	res, _ := run(t, sb, runner.Cmd{Args: []string{bin, "count", strconv.Itoa(3 * cfg.Procs)}, Dir: dir, Timeout: 20 * time.Second})
	var n, of int
	if _, err := fmt.Sscanf(string(res.Output), "forked %d of %d", &n, &of); err != nil || n >= cfg.Procs || n == 0 {
		t.Fatalf("the process limit does not hold (forked %d of %d, limit %d): not running the fork bomb", n, of, cfg.Procs)
	}
	res, err := run(t, sb, runner.Cmd{Args: []string{bin}, Dir: dir, Timeout: 3 * time.Second})
	if !res.TimedOut || !errors.Is(err, runner.ErrTimeout) {
		t.Errorf("fork bomb: want it stopped by the time limit, got %+v, %v", res, err)
	}
	m := regexp.MustCompile(`fork failed after (\d+) forks: Resource temporarily unavailable`).FindSubmatch(res.Output)
	if m == nil {
		t.Fatalf("fork bomb: fork never failed with EAGAIN: %q", res.Output)
	}
	if forks, _ := strconv.Atoi(string(m[1])); forks >= cfg.Procs {
		t.Errorf("fork bomb forked %d times from its first process, limit %d", forks, cfg.Procs)
	}
}

func TestMemoryHog(t *testing.T) {
	cfg := testConfig()
	sb := newSandbox(t, cfg)
	dir := scratch(t, sb)
	res, err := run(t, sb, runner.Cmd{Args: []string{compile(t, dir, "memhog")}, Dir: dir})
	if err != nil || res.ExitCode != 3 {
		t.Fatalf("memory hog: want exit 3 (malloc failed), got %+v, %v", res, err)
	}
	var mib int64
	if _, err := fmt.Sscanf(string(res.Output), "malloc failed after %d MiB", &mib); err != nil || mib<<20 >= cfg.Memory {
		t.Errorf("memory hog got %d MiB with a %d MiB limit (%q)", mib, cfg.Memory>>20, res.Output)
	}
}

func TestInfiniteLoop(t *testing.T) {
	cfg := testConfig()
	cfg.CPUTime = time.Second
	sb := newSandbox(t, cfg)
	dir := scratch(t, sb)
	bin := compile(t, dir, "loop")
	res, err := run(t, sb, runner.Cmd{Args: []string{bin}, Dir: dir})
	if err != nil || res.Signal != syscall.SIGXCPU.String() || res.TimedOut {
		t.Errorf("CPU loop: want killed by SIGXCPU at the CPU limit, got %+v, %v", res, err)
	}
	res, err = run(t, sb, runner.Cmd{Args: []string{bin, "sleep"}, Dir: dir, Timeout: time.Second})
	if !res.TimedOut || !errors.Is(err, runner.ErrTimeout) || res.Elapsed > 10*time.Second {
		t.Errorf("sleeper: want stopped at the 1s wall-time limit, got %+v, %v", res, err)
	}
}

// TestBusyInfo compiles and runs _info files that never answer, through
// module.Compiler as the lint does.
func TestBusyInfo(t *testing.T) {
	cfg := testConfig()
	cfg.CPUTime = time.Minute // the wall time must be what stops them
	sb := newSandbox(t, cfg)
	tree, err := module.FindTree(filepath.Join("testdata", "info"))
	if err != nil {
		t.Fatal(err)
	}
	c := &module.Compiler{CC: "cc", Run: sb.Run, RunKey: sb.Key(), Timeout: 2 * time.Second, WorkDir: scratch(t, sb), CacheDir: t.TempDir()}
	for _, name := range []string{"spin", "chatty"} {
		start := time.Now()
		_, err := c.Query(context.Background(), tree, name, "depends")
		t.Logf("%s: %v after %v", name, err, time.Since(start))
		if err == nil || !strings.Contains(err.Error(), "timed out") {
			t.Errorf("_info %s: want a timeout error, got %v", name, err)
		}
		if time.Since(start) > 30*time.Second {
			t.Errorf("_info %s took %v to stop", name, time.Since(start))
		}
	}
}

func TestNoNetwork(t *testing.T) {
	sb := newSandbox(t, testConfig())
	dir := scratch(t, sb)
	bin := compile(t, dir, "connect")
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	port := strconv.Itoa(ln.Addr().(*net.TCPAddr).Port)
	res, err := run(t, sb, runner.Cmd{Args: []string{bin, port}, Dir: dir})
	if err != nil || res.ExitCode != 1 || !regexp.MustCompile(`connect: (Network is unreachable|Connection refused)`).Match(res.Output) {
		t.Errorf("connect: want it refused, got %+v, %v", res, err)
	}
	// Had it connected, the connection would be queued by now.
	ln.(*net.TCPListener).SetDeadline(time.Now().Add(200 * time.Millisecond))
	if c, err := ln.Accept(); err == nil {
		c.Close()
		t.Fatal("a connection from the sandbox reached the listener")
	}
	// The same program unconfined does connect: the test can fail.
	res, err = runner.Run(context.Background(), runner.Cmd{Args: []string{bin, port}, Dir: dir})
	if err != nil || !res.OK() {
		t.Errorf("unconfined connect failed: %+v, %v", res, err)
	}
}

// TestHiddenFiles reads a file standing for the archive's database (in
// a Hide directory) and /etc/shadow.
func TestHiddenFiles(t *testing.T) {
	data := visibleDir(t, "ccan-data-")
	db := filepath.Join(data, "archive.db")
	work := filepath.Join(data, "work", "upload-1")
	if err := os.MkdirAll(work, 0o755); err != nil {
		t.Fatal(err)
	}
	// World-readable, so only the hiding keeps it from the sandbox.
	if err := os.WriteFile(db, []byte("SECRET-DB-CONTENT"), 0o644); err != nil {
		t.Fatal(err)
	}

	plain := newSandbox(t, testConfig())
	dir := scratch(t, plain)
	bin := compile(t, dir, "readfiles")
	res, _ := run(t, plain, runner.Cmd{Args: []string{bin, db}, Dir: dir})
	if !strings.Contains(string(res.Output), "read: SECRET-DB-CONTENT") {
		t.Fatalf("control: without Hide the sandbox should read %s: %q", db, res.Output)
	}

	cfg := testConfig()
	cfg.Hide = []string{data}
	hidden := newSandbox(t, cfg)
	// A scratch directory inside the hidden one stays usable.
	if err := hidden.Share(work); err != nil {
		t.Fatal(err)
	}
	bin = compile(t, work, "readfiles")
	res, err := run(t, hidden, runner.Cmd{Args: []string{bin, db, "/etc/shadow", filepath.Join(data, "work")}, Dir: work})
	if err != nil || res.ExitCode != 0 || strings.Contains(string(res.Output), "SECRET") {
		t.Errorf("hidden files were read: %+v, %v", res, err)
	}
	for _, want := range []string{db + ": No such file or directory", "/etc/shadow: Permission denied"} {
		if !strings.Contains(string(res.Output), want) {
			t.Errorf("output lacks %q: %q", want, res.Output)
		}
	}
}

// TestWriteOutside writes everywhere but the scratch directory.
func TestWriteOutside(t *testing.T) {
	sb := newSandbox(t, testConfig())
	dir := scratch(t, sb)
	bin := compile(t, dir, "writefiles")
	// World-writable: only the read-only view stops the writes.
	outside := visibleDir(t, "ccan-outside-")
	os.Chmod(outside, 0o777)
	hostTmp := filepath.Join(os.TempDir(), fmt.Sprintf("ccan-pwned-%d", time.Now().UnixNano()))
	targets := []string{
		filepath.Join(outside, "x"), "/etc/ccan-pwned", filepath.Join(filepath.Dir(dir), "ccan-pwned"),
		hostTmp, "/dev/shm/ccan-pwned", filepath.Join(dir, "ok"),
	}
	res, err := run(t, sb, runner.Cmd{Args: append([]string{bin}, targets...), Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	// The private /tmp and /dev/shm take writes (and are gone after), and
	// so does the scratch directory: 4, with the parent of dir in /tmp.
	if res.ExitCode != 4 {
		t.Errorf("writefiles wrote %d files, want 4", res.ExitCode)
	}
	if !strings.Contains(string(res.Output), filepath.Join(outside, "x")+": Read-only file system") {
		t.Errorf("no read-only refusal in %q", res.Output)
	}
	for _, p := range targets[:5] {
		if _, err := os.Lstat(p); err == nil {
			t.Errorf("%s was written outside the sandbox", p)
			os.Remove(p)
		}
	}
	if ents, _ := os.ReadDir(outside); len(ents) != 0 {
		t.Errorf("%s changed: %v", outside, ents)
	}
	if b, err := os.ReadFile(filepath.Join(dir, "ok")); err != nil || string(b) != "pwned\n" {
		t.Errorf("the scratch directory was not writable: %q, %v", b, err)
	}
}

// visibleDir returns a new directory outside /tmp (which the sandbox
// replaces with its own), searchable by everyone.
func visibleDir(t *testing.T, pattern string) string {
	t.Helper()
	dir, err := os.MkdirTemp("/var/tmp", pattern)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	if err := os.Chmod(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

func TestOutputFlood(t *testing.T) {
	sb := newSandbox(t, testConfig())
	dir := scratch(t, sb)
	res, err := run(t, sb, runner.Cmd{Args: []string{compile(t, dir, "flood")}, Dir: dir, Timeout: 2 * time.Second, MaxOutput: 64 << 10})
	if !res.TimedOut || !res.Truncated || len(res.Output) > 64<<10 || !errors.Is(err, runner.ErrTimeout) {
		t.Errorf("flood: want truncated output and a timeout, got %d bytes, %+v, %v", len(res.Output), res, err)
	}
	if !strings.HasPrefix(string(res.Output), "flood flood") {
		t.Errorf("flood output starts %.40q", res.Output)
	}
}

func TestDiskFill(t *testing.T) {
	cfg := testConfig()
	sb := newSandbox(t, cfg)
	dir := scratch(t, sb)
	bin := compile(t, dir, "diskfill")
	big := filepath.Join(dir, "big")
	res, err := run(t, sb, runner.Cmd{Args: []string{bin, big}, Dir: dir})
	if err != nil || res.Signal != syscall.SIGXFSZ.String() {
		t.Errorf("disk fill: want killed by SIGXFSZ, got %+v, %v", res, err)
	}
	res, err = run(t, sb, runner.Cmd{Args: []string{bin, big, "ignore"}, Dir: dir})
	if err != nil || res.ExitCode != 1 || !strings.Contains(string(res.Output), "File too large") {
		t.Errorf("disk fill ignoring SIGXFSZ: want EFBIG, got %+v, %v", res, err)
	}
	if fi, err := os.Stat(big); err != nil || fi.Size() > cfg.FileSize {
		t.Errorf("%s: %v, size beyond the %d limit", big, err, cfg.FileSize)
	}
	// The private /tmp is smaller than the file size limit here.
	res, err = run(t, sb, runner.Cmd{Args: []string{bin, "/tmp/big"}, Dir: dir})
	if err != nil || res.ExitCode != 1 || !strings.Contains(string(res.Output), "No space left on device") {
		t.Errorf("filling /tmp: want ENOSPC, got %+v, %v", res, err)
	}
}

// TestUnreachableDir: a directory the slot uids cannot reach is refused
// before anything runs.
func TestUnreachableDir(t *testing.T) {
	sb := newSandbox(t, testConfig())
	dir := filepath.Join(t.TempDir(), "w") // t.TempDir's parent is 0700
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	_, err := sb.Run(context.Background(), runner.Cmd{Args: []string{"/bin/true"}, Dir: dir})
	if err == nil || !strings.Contains(err.Error(), "cannot be searched") {
		t.Errorf("want a clear refusal, got %v", err)
	}
}
