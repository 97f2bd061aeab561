package sandbox

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/ccan-archive/ccan/internal/runner"
)

// need skips t because what is missing, or fails it when CCAN_TEST_MUST
// is set (CI).
func need(t *testing.T, what string, err error) {
	t.Helper()
	if os.Getenv("CCAN_TEST_MUST") != "" {
		t.Fatalf("%s is required with CCAN_TEST_MUST set: %v", what, err)
	}
	t.Skipf("skipping: %s not available: %v (CI sets CCAN_TEST_MUST to make this a failure)", what, err)
}

// testConfig has small limits, so hostile programs hit them fast.
func testConfig() Config {
	return Config{
		Slots: 2, CPUTime: 2 * time.Second, WallTime: 60 * time.Second,
		Memory: 256 << 20, Procs: 16, FileSize: 1 << 20, TmpSize: 512 << 10,
	}
}

// newSandbox returns a sandbox for the test, or skips it when the
// mechanism is missing (root, bwrap, cc). At cleanup it checks the
// machine is fine: nothing left running under the slot uids, and
// processes can still be started, confined or not.
func newSandbox(t *testing.T, cfg Config) *Sandbox {
	t.Helper()
	if os.Geteuid() != 0 {
		need(t, "root", errors.New("the sandbox switches to slot uids"))
	}
	for _, tool := range []string{"bwrap", "setpriv", "prlimit", "cc"} {
		if _, err := exec.LookPath(tool); err != nil {
			need(t, tool, err)
		}
	}
	sb, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		machineFine(t, sb)
		sb.Close()
	})
	return sb
}

func machineFine(t *testing.T, sb *Sandbox) {
	t.Helper()
	forEachProcess(func(p proc) {
		if slices.Contains(sb.uids, p.uid) && !p.zombie {
			t.Errorf("process %d still runs as slot uid %d after the run", p.pid, p.uid)
		}
	})
	if err := exec.Command("true").Run(); err != nil {
		t.Errorf("cannot start a process after the run: %v", err)
	}
	res, err := sb.Run(context.Background(), runner.Cmd{Args: []string{"/bin/true"}, Dir: scratch(t, sb)})
	if err != nil || !res.OK() {
		t.Errorf("the sandbox cannot run /bin/true after the run: %v %+v", err, res)
	}
}

// scratch returns a new directory the sandbox's runs can use.
func scratch(t *testing.T, sb *Sandbox) string {
	t.Helper()
	dir, err := os.MkdirTemp("", "ccan-sandbox-test-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	if err := sb.Share(dir); err != nil {
		t.Fatal(err)
	}
	return dir
}

// compile builds testdata/name.c (trusted, unconfined) into dir.
func compile(t *testing.T, dir, name string) string {
	t.Helper()
	bin := filepath.Join(dir, name)
	out, err := exec.Command("cc", "-O0", "-o", bin, filepath.Join("testdata", name+".c")).CombinedOutput()
	if err != nil {
		t.Fatalf("cc %s: %v\n%s", name, err, out)
	}
	return bin
}

func TestSortMounts(t *testing.T) {
	ms := []mount{
		{path: "/data/work/x"},
		{path: "/data/work/x/secret", hide: true},
		{path: "/data", hide: true},
		{path: "/srv/both"},
		{path: "/srv/both", hide: true},
		{path: "/srv/both", ro: true},
		{path: "/tmp/work", ro: true},
	}
	sortMounts(ms)
	var got []string
	for _, m := range ms {
		kind := "bind"
		switch {
		case m.hide:
			kind = "hide"
		case m.ro:
			kind = "ro"
		}
		got = append(got, kind+" "+m.path)
	}
	want := []string{"hide /data", "hide /srv/both", "ro /srv/both", "ro /tmp/work", "bind /srv/both", "bind /data/work/x", "hide /data/work/x/secret"}
	if !slices.Equal(got, want) {
		t.Errorf("sortMounts = %q, want %q", got, want)
	}
}

func TestCommandOrder(t *testing.T) {
	cfg := testConfig()
	cfg.setDefaults()
	s := &Sandbox{cfg: cfg, gid: cfg.UIDBase, tools: tools{"/usr/bin/setpriv", "/usr/bin/prlimit", "/usr/bin/bwrap"}}
	p := &plan{dir: "/w", writable: []string{"/w"}, mounts: []mount{{path: "/data", hide: true}, {path: "/w"}}}
	cmd := strings.Join(s.command(cfg.UIDBase+1, 0, p, []string{"prog", "arg"}), " ")
	for _, w := range []string{
		// The uid drop comes first, then the limits, then the sandbox.
		"/usr/bin/setpriv --reuid=2000000001 --regid=2000000000 --clear-groups --no-new-privs -- /usr/bin/prlimit --cpu=2:3 --as=268435456:268435456 --nproc=16:16 --fsize=1048576:1048576",
		"-- /usr/bin/bwrap --unshare-all --unshare-user --disable-userns",
		"--size 524288 --tmpfs /tmp",
		"--perms 0711 --size 65536 --tmpfs /data --bind /w /w --remount-ro /data --chdir /w -- /bin/sh -c",
		"sh prog arg",
	} {
		if !strings.Contains(cmd, w) {
			t.Errorf("command line lacks %q:\n%s", w, cmd)
		}
	}
}

func TestFilterEnv(t *testing.T) {
	t.Setenv("CCAN_TOKEN", "secret")
	t.Setenv("LC_ALL", "C")
	got := filterEnv([]string{"CCAN_TOKEN=secret", "LC_ALL=C", "HOME=/root", "ASAN_OPTIONS=x", "PATH=" + os.Getenv("PATH")})
	want := []string{"HOME=/tmp", "TMPDIR=/tmp", "LC_ALL=C", "ASAN_OPTIONS=x", "PATH=" + os.Getenv("PATH")}
	if !slices.Equal(got, want) {
		t.Errorf("filterEnv = %q, want %q", got, want)
	}
	for _, kv := range filterEnv(nil) {
		if strings.HasPrefix(kv, "CCAN_TOKEN=") {
			t.Errorf("inherited secret passed: %s", kv)
		}
	}
}

func TestParseSize(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want int64
		ok   bool
	}{
		{"1048576", 1 << 20, true}, {"512K", 512 << 10, true}, {"64m", 64 << 20, true},
		{"1G", 1 << 30, true}, {"2GiB", 2 << 30, true}, {"0", 0, true},
		{"", 0, false}, {"G", 0, false}, {"-1M", 0, false}, {"1.5G", 0, false},
		{"+5", 0, false}, {"99999999999T", 0, false},
	} {
		got, err := ParseSize(tc.in)
		if (err == nil) != tc.ok || got != tc.want {
			t.Errorf("ParseSize(%q) = %d, %v; want %d, ok=%v", tc.in, got, err, tc.want, tc.ok)
		}
	}
}

func FuzzParseSize(f *testing.F) {
	for _, s := range []string{"1", "512K", "64M", "1G", "2GiB", "", "x", "-1", "9223372036854775807", "8589934592G"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n, err := ParseSize(s)
		if err == nil && n < 0 {
			t.Fatalf("ParseSize(%q) = %d", s, n)
		}
	})
}

func TestNewProbes(t *testing.T) {
	sb := newSandbox(t, testConfig())
	if len(sb.uids) != 2 || sb.uids[0] <= sb.gid {
		t.Fatalf("slot uids %v, group %d", sb.uids, sb.gid)
	}
	// A second sandbox (here, or in another process) takes other uids.
	other := newSandbox(t, testConfig())
	for _, u := range other.uids {
		if slices.Contains(sb.uids, u) {
			t.Errorf("two sandboxes share slot uid %d", u)
		}
	}
}

func TestConcurrentRunsUseOwnUIDs(t *testing.T) {
	sb := newSandbox(t, testConfig())
	dir := scratch(t, sb)
	outs := make(chan string, 2)
	for range 2 {
		go func() {
			res, err := sb.Run(context.Background(), runner.Cmd{Args: []string{"/bin/sh", "-c", "id -u; sleep 1"}, Dir: dir})
			if err != nil {
				outs <- err.Error()
				return
			}
			outs <- strings.TrimSpace(string(res.Output))
		}()
	}
	a, b := <-outs, <-outs
	if a == b || !slices.Contains(sb.uidStrings(), a) || !slices.Contains(sb.uidStrings(), b) {
		t.Errorf("concurrent runs ran as %q and %q; slot uids %v", a, b, sb.uids)
	}
}

func (s *Sandbox) uidStrings() []string {
	var out []string
	for _, u := range s.uids {
		out = append(out, strconv.Itoa(u))
	}
	return out
}

// TestRunCreatesGroupWritable: what a run creates is the sandbox
// group's and group-writable from the start, so handOver never needs to
// chmod a file another run may be finishing (a linker that makes its
// output executable when done).
func TestRunCreatesGroupWritable(t *testing.T) {
	sb := newSandbox(t, testConfig())
	dir := scratch(t, sb)
	res, err := sb.Run(context.Background(), runner.Cmd{Args: []string{"/bin/sh", "-c", "echo x > f && echo 'int main(void) { return 0; }' > p.c && cc -o prog p.c"}, Dir: dir})
	if err != nil || !res.OK() {
		t.Fatalf("run: %v %+v", err, res)
	}
	for name, want := range map[string]os.FileMode{"f": 0o664, "prog": 0o775} {
		fi, err := os.Stat(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		if got := fi.Mode().Perm(); got != want {
			t.Errorf("%s: mode %v, want %v", name, got, want)
		}
		if st, ok := fi.Sys().(*syscall.Stat_t); !ok || int(st.Gid) != sb.gid {
			t.Errorf("%s: not in the sandbox's group %d", name, sb.gid)
		}
		if !sb.fine(fi) {
			t.Errorf("%s: handOver would still change it", name)
		}
	}
}
