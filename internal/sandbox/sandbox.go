package sandbox

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/ccan-archive/ccan/internal/runner"
)

// DefaultUIDBase is the group id of the sandbox when Config.UIDBase is
// 0; slot uids are taken from the 1024 ids after it. It lies above the
// ranges distributions, systemd and container tools hand out.
const DefaultUIDBase = 2_000_000_000

// idRange is how many uids after UIDBase a sandbox may lock as slots.
const idRange = 1024

// Config sets the sandbox's ids and limits. Zero fields take the
// defaults in brackets.
type Config struct {
	// UIDBase is the group every slot runs in; slot uids are locked from
	// UIDBase+1 … UIDBase+1024 (flock, so two sandboxes, in this process
	// or another, never share one). The ids must belong to nobody else:
	// files they own are readable in the sandbox, and processes running
	// under them make that uid unusable. [DefaultUIDBase]
	UIDBase int
	// Slots is how many runs may go at once; more wait. [4]
	Slots int
	// CPUTime is each process's CPU limit (RLIMIT_CPU): SIGXCPU at the
	// limit, SIGKILL a second later. [5 min]
	CPUTime time.Duration
	// WallTime bounds each run; a shorter Cmd.Timeout wins. [10 min]
	WallTime time.Duration
	// Memory is each process's address-space limit (RLIMIT_AS), in
	// bytes. AddressSanitizer programs cannot start under any such limit
	// (see docs/security.md). [1 GiB]
	Memory int64
	// Procs limits the processes and threads of one run at once
	// (RLIMIT_NPROC of its slot uid), bwrap's two included. [32]
	Procs int
	// FileSize is the largest file a process may write (RLIMIT_FSIZE),
	// in bytes. [128 MiB]
	FileSize int64
	// TmpSize caps the private /tmp (a tmpfs, so memory), in bytes;
	// /dev/shm and /run get smaller fixed caps. [64 MiB]
	TmpSize int64
	// OpenFiles is each process's descriptor limit (RLIMIT_NOFILE). [1024]
	OpenFiles int
	// Hide lists files and directories the sandbox must not see (the
	// archive's data directory, its database, the build cache): each is
	// covered by an empty read-only tmpfs, or /dev/null for a file.
	// Writable directories inside a hidden one stay visible; the tree
	// being linted must not be inside one.
	Hide []string
}

func (c *Config) setDefaults() {
	if c.UIDBase == 0 {
		c.UIDBase = DefaultUIDBase
	}
	if c.Slots <= 0 {
		c.Slots = 4
	}
	if c.CPUTime <= 0 {
		c.CPUTime = 5 * time.Minute
	}
	if c.WallTime <= 0 {
		c.WallTime = 10 * time.Minute
	}
	if c.Memory <= 0 {
		c.Memory = 1 << 30
	}
	if c.Procs <= 0 {
		c.Procs = 32
	}
	if c.FileSize <= 0 {
		c.FileSize = 128 << 20
	}
	if c.TmpSize <= 0 {
		c.TmpSize = 64 << 20
	}
	if c.OpenFiles <= 0 {
		c.OpenFiles = 1024
	}
}

// Sandbox runs commands confined. Its Run is a runner.Func; it is safe
// for concurrent use.
type Sandbox struct {
	cfg   Config
	gid   int
	slots chan *slot // free slots
	uids  []int      // every slot uid
	locks []*os.File
	tools tools
}

// slot is one uid runs take turns on.
type slot struct {
	uid int
	// zombies counts processes of uid that are dead but not yet reaped
	// by the machine's init (see reap); they count against the process
	// limit, so the next run's limit is raised by as many.
	zombies int
}

// tools are the absolute paths of the programs a run goes through.
type tools struct {
	setpriv, prlimit, bwrap string
}

// New checks that the mechanism is there (root, bwrap, setpriv,
// prlimit), locks Slots uids, and runs a probe confined: it must see its
// slot uid, the group and the process limit. An error means untrusted
// code must not be run: nothing here would confine it.
func New(cfg Config) (*Sandbox, error) {
	cfg.setDefaults()
	if cfg.UIDBase < 1000 || cfg.UIDBase > 1<<32-2-idRange {
		return nil, fmt.Errorf("sandbox: UIDBase %d is out of range", cfg.UIDBase)
	}
	if os.Geteuid() != 0 {
		return nil, errors.New("sandbox: must run as root, to switch each run to an unprivileged slot uid")
	}
	t, err := findTools()
	if err != nil {
		return nil, err
	}
	s := &Sandbox{cfg: cfg, gid: cfg.UIDBase, tools: t}
	if err := s.lockSlots(); err != nil {
		return nil, err
	}
	if err := s.probe(); err != nil {
		s.Close()
		return nil, err
	}
	return s, nil
}

func findTools() (tools, error) {
	var t tools
	for _, x := range []struct {
		dst      *string
		name, pk string
	}{{&t.bwrap, "bwrap", "bubblewrap"}, {&t.setpriv, "setpriv", "util-linux"}, {&t.prlimit, "prlimit", "util-linux"}} {
		p, err := exec.LookPath(x.name)
		if err != nil {
			return t, fmt.Errorf("sandbox: %s not found (apt-get install %s): %w", x.name, x.pk, err)
		}
		if *x.dst, err = filepath.Abs(p); err != nil {
			return t, err
		}
	}
	return t, nil
}

// Close releases the slot uids. Runs must have returned.
func (s *Sandbox) Close() error {
	for _, f := range s.locks {
		f.Close()
	}
	s.locks = nil
	return nil
}

// GID is the group the sandbox's runs are in (for files they must read
// or write, see Share).
func (s *Sandbox) GID() int { return s.gid }

// Key describes the limits runs get, for cache keys: results obtained
// under different limits (or unconfined) must not be mixed.
func (s *Sandbox) Key() string {
	c := s.cfg
	return fmt.Sprintf("sandbox-v1 cpu=%v mem=%d procs=%d fsize=%d tmp=%d nofile=%d",
		c.CPUTime, c.Memory, c.Procs, c.FileSize, c.TmpSize, c.OpenFiles)
}

// probe runs a harmless command confined and checks the uid drop and the
// process limit took effect.
func (s *Sandbox) probe() error {
	dir, err := os.MkdirTemp("", "ccan-sandbox-probe-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	res, err := s.Run(ctx, runner.Cmd{Args: []string{"/bin/sh", "-c", "id -u; id -g; sed -n 's/^Max processes *\\([0-9]*\\).*/\\1/p' /proc/self/limits; echo x > probe"}, Dir: dir})
	if err != nil {
		return fmt.Errorf("sandbox: probe run failed: %w", err)
	}
	out := strings.Fields(string(res.Output))
	if !res.OK() || len(out) != 3 {
		return fmt.Errorf("sandbox: probe run failed (exit %d): %s", res.ExitCode, strings.TrimSpace(string(res.Output)))
	}
	if uid, _ := strconv.Atoi(out[0]); uid <= s.gid || uid > s.gid+idRange {
		return fmt.Errorf("sandbox: probe ran as uid %s, not a slot uid", out[0])
	}
	if out[1] != strconv.Itoa(s.gid) || out[2] != strconv.Itoa(s.cfg.Procs) {
		return fmt.Errorf("sandbox: probe saw gid %s and process limit %s, want %d and %d", out[1], out[2], s.gid, s.cfg.Procs)
	}
	if _, err := os.Stat(filepath.Join(dir, "probe")); err != nil {
		return fmt.Errorf("sandbox: probe could not write its directory: %w", err)
	}
	return nil
}

// Run runs c confined (see the package doc). c.Dir is required: it is
// the run's scratch directory and, with c.Writable, the only place it
// may write. c.Env is filtered (variables inherited from this process
// that are not locale or PATH are dropped; HOME and TMPDIR are /tmp).
// Like runner.Run, a non-zero exit is not an error; a program killed by
// a signal has ExitCode -1 and Signal set (bwrap reports a signal as
// exit status 128+n, so a program exiting 128+n itself looks the same).
func (s *Sandbox) Run(ctx context.Context, c runner.Cmd) (*runner.Result, error) {
	if len(c.Args) == 0 {
		return nil, errors.New("sandbox: empty command")
	}
	p, err := s.plan(c)
	if err != nil {
		return nil, err
	}
	sl, err := s.acquire(ctx)
	if err != nil {
		return nil, err
	}
	defer s.release(sl)
	if sl.zombies > 0 {
		sl.zombies = zombies(sl.uid)
	}
	for _, w := range p.writable {
		if err := s.handOver(w); err != nil {
			return nil, err
		}
	}
	timeout := s.cfg.WallTime
	if c.Timeout > 0 && c.Timeout < timeout {
		timeout = c.Timeout
	}
	res, err := runner.Run(ctx, runner.Cmd{
		Args: s.command(sl.uid, sl.zombies, p, c.Args), Dir: "/", Env: filterEnv(c.Env), Stdin: c.Stdin,
		Timeout: timeout, MaxOutput: c.MaxOutput, Stdout: c.Stdout,
	})
	if res == nil || res.ExitCode != 0 {
		sl.zombies = s.reap(sl.uid)
	}
	if res == nil {
		return nil, fmt.Errorf("sandbox: %w", err)
	}
	if res.ExitCode > 128 && res.ExitCode <= 128+64 && !res.TimedOut {
		res.Signal = syscall.Signal(res.ExitCode - 128).String()
		res.ExitCode = -1
	}
	if errors.Is(err, runner.ErrTimeout) {
		err = fmt.Errorf("%s: %w after %v", strings.Join(c.Args, " "), runner.ErrTimeout, res.Elapsed.Round(time.Millisecond))
	}
	return res, err
}

func (s *Sandbox) acquire(ctx context.Context) (*slot, error) {
	select {
	case sl := <-s.slots:
		return sl, nil
	case <-ctx.Done():
		return nil, fmt.Errorf("sandbox: waiting for a slot: %w", ctx.Err())
	}
}

func (s *Sandbox) release(sl *slot) { s.slots <- sl }

// filterEnv keeps what a compiler or test needs from env (nil = this
// process's environment) and drops inherited secrets: a variable equal
// to this process's own is kept only if it is PATH, TERM, TZ or locale.
// Variables the caller set itself (absent here, or different) are kept.
func filterEnv(env []string) []string {
	if env == nil {
		env = os.Environ()
	}
	out := []string{"HOME=/tmp", "TMPDIR=/tmp"}
	for _, kv := range env {
		k, v, _ := strings.Cut(kv, "=")
		if k == "HOME" || k == "TMPDIR" {
			continue
		}
		own, set := os.LookupEnv(k)
		if set && own == v && !passEnv(k) {
			continue
		}
		out = append(out, kv)
	}
	return out
}

func passEnv(k string) bool {
	switch k {
	case "PATH", "TERM", "TZ", "LANG", "LANGUAGE":
		return true
	}
	return strings.HasPrefix(k, "LC_")
}
