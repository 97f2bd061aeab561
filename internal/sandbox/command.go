package sandbox

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/ccan-archive/ccan/internal/runner"
)

// mount is one path the sandbox's view changes: hidden (a directory
// under an empty read-only tmpfs, a file under /dev/null), bound
// read-only (it may be in the private /tmp or a hidden directory) or
// bound writable.
type mount struct {
	path string
	hide bool
	ro   bool
	file bool // hidden path is a file
}

// rank orders mounts of the same depth: hide, then read-only, then
// writable, so that a path listed twice ends up with the most access.
func (m mount) rank() int {
	switch {
	case m.hide:
		return 0
	case m.ro:
		return 1
	}
	return 2
}

// plan is the resolved view of one run.
type plan struct {
	dir      string
	writable []string // dir first
	mounts   []mount  // parents before children
	run      bool     // /run exists (it is covered)
}

// plan resolves c's directories and the hidden paths. Writable
// directories must exist and be searchable by the slot uids.
func (s *Sandbox) plan(c runner.Cmd) (*plan, error) {
	if c.Dir == "" {
		return nil, fmt.Errorf("sandbox: %s: Cmd.Dir is required (the run's scratch directory)", c.Args[0])
	}
	p := &plan{}
	seen := map[string]bool{}
	for _, w := range append([]string{c.Dir}, c.Writable...) {
		r, err := resolve(w)
		if err != nil {
			return nil, fmt.Errorf("sandbox: writable directory: %w", err)
		}
		if fi, err := os.Stat(r); err != nil || !fi.IsDir() {
			return nil, fmt.Errorf("sandbox: writable %s is not a directory", w)
		}
		if r == "/" {
			return nil, fmt.Errorf("sandbox: refusing to make / writable")
		}
		if err := s.searchable(r); err != nil {
			return nil, err
		}
		if !seen[r] {
			seen[r] = true
			p.writable = append(p.writable, r)
			p.mounts = append(p.mounts, mount{path: r})
		}
	}
	p.dir = p.writable[0]
	for _, r := range c.Readable {
		r, err := resolve(r)
		if err != nil {
			return nil, fmt.Errorf("sandbox: readable directory: %w", err)
		}
		if r == "/" || seen[r] || slices.ContainsFunc(p.writable, func(w string) bool { return within(r, w) }) {
			continue // all of / is readable; a writable one is visible
		}
		if err := s.searchable(r); err != nil {
			return nil, err
		}
		seen[r] = true
		p.mounts = append(p.mounts, mount{path: r, ro: true})
	}
	for _, h := range s.cfg.Hide {
		r, err := resolve(h)
		if err != nil {
			continue // nothing there to hide
		}
		fi, err := os.Stat(r)
		if err != nil {
			continue
		}
		if !s.reachable(r) {
			// Already out of the sandbox's reach (an ancestor such as
			// /root is closed to it), and bwrap, running as the slot's
			// uid, could not create the mount point there either.
			continue
		}
		p.mounts = append(p.mounts, mount{path: r, hide: true, file: !fi.IsDir()})
	}
	sortMounts(p.mounts)
	if fi, err := os.Stat("/run"); err == nil && fi.IsDir() {
		p.run = true
	}
	return p, nil
}

// resolve makes path absolute and free of symbolic links, so the bind
// and the chdir name the same directory.
func resolve(path string) (string, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return "", err
	}
	return filepath.EvalSymlinks(abs)
}

// within reports whether path is dir or inside it.
func within(path, dir string) bool {
	return path == dir || strings.HasPrefix(path, dir+"/")
}

// sortMounts orders mounts so that a parent comes before anything
// inside it: a hidden directory's tmpfs goes down before a writable
// directory inside it is bound, and a path hidden inside a writable
// directory is covered after the bind. At equal depth, see rank.
func sortMounts(ms []mount) {
	depth := func(p string) int { return strings.Count(filepath.Clean(p), "/") }
	sort.SliceStable(ms, func(i, j int) bool {
		di, dj := depth(ms[i].path), depth(ms[j].path)
		if di != dj {
			return di < dj
		}
		return ms[i].rank() < ms[j].rank()
	})
}

// initScript is pid 1 of the run's pid namespace: it runs the program
// as pid 2 (a pid 1 would ignore SIGXCPU and SIGXFSZ) and exits with its
// status, 128+n for a signal n. bwrap's own init is not used: bwrap
// exits without reaping it, and the orphan then counts against the
// slot's process limit until the machine's init gets round to it. The
// shell's own messages (such as "Segmentation fault") go to /dev/null;
// the program gets the real standard error.
//
// umask 002: what a run creates is group-writable from the start (its
// group is the sandbox's, through the setgid directories), so handOver
// leaves it alone. Otherwise handOver could chmod a file while its
// creator is still at work: the linker writes its output 0644 and
// makes it executable only when done, and a chmod computed from the
// 0644 and applied after that would take the execute bits away again
// (a concurrent run then failed with "Permission denied").
const initScript = `umask 002; exec 3>&2 2>/dev/null; (exec "$@" 2>&3 3>&-); exit $?`

// command is the full command line of a run as uid, whose process
// limit is raised by zombies (see slot).
func (s *Sandbox) command(uid, zombies int, p *plan, args []string) []string {
	c := s.cfg
	cpu := int64((c.CPUTime + time.Second - 1) / time.Second)
	lim := func(name string, v int64) string { return fmt.Sprintf("--%s=%d:%d", name, v, v) }
	cmd := []string{
		s.tools.setpriv, "--reuid=" + strconv.Itoa(uid), "--regid=" + strconv.Itoa(s.gid),
		"--clear-groups", "--no-new-privs", "--",
		s.tools.prlimit, fmt.Sprintf("--cpu=%d:%d", cpu, cpu+1), lim("as", c.Memory),
		lim("nproc", int64(c.Procs+zombies)), lim("fsize", c.FileSize), lim("nofile", int64(c.OpenFiles)),
		lim("core", 0), "--",
		s.tools.bwrap, "--unshare-all", "--unshare-user", "--disable-userns",
		"--die-with-parent", "--new-session", "--as-pid-1", "--cap-drop", "ALL", "--hostname", "ccan-sandbox",
		"--ro-bind", "/", "/", "--dev", "/dev", "--proc", "/proc",
		"--size", strconv.FormatInt(c.TmpSize, 10), "--tmpfs", "/tmp",
		"--size", strconv.Itoa(4 << 20), "--tmpfs", "/dev/shm", "--remount-ro", "/dev",
	}
	if p.run {
		cmd = append(cmd, "--size", strconv.Itoa(1<<20), "--tmpfs", "/run")
	}
	var ro []string
	for _, m := range p.mounts {
		switch {
		case m.hide && m.file:
			cmd = append(cmd, "--ro-bind", "/dev/null", m.path)
		case m.hide:
			// 0711: writable directories bound inside stay reachable,
			// nothing can be listed or created.
			cmd = append(cmd, "--perms", "0711", "--size", "65536", "--tmpfs", m.path)
			ro = append(ro, m.path)
		case m.ro:
			cmd = append(cmd, "--ro-bind", m.path, m.path)
		default:
			cmd = append(cmd, "--bind", m.path, m.path)
		}
	}
	for _, r := range ro {
		cmd = append(cmd, "--remount-ro", r)
	}
	cmd = append(cmd, "--chdir", p.dir, "--", "/bin/sh", "-c", initScript, "sh")
	return append(cmd, args...)
}

// reachable reports whether the sandbox's uids can walk to path: every
// directory above it must let them search it, as "other" or through the
// sandbox's group.
func (s *Sandbox) reachable(path string) bool {
	for dir := filepath.Dir(path); ; dir = filepath.Dir(dir) {
		fi, err := os.Stat(dir)
		if err != nil {
			return false
		}
		st, ok := fi.Sys().(*syscall.Stat_t)
		if !ok {
			return true
		}
		search := st.Mode&0o001 != 0 || (int(st.Gid) == s.gid && st.Mode&0o010 != 0)
		if !search {
			return false
		}
		if dir == "/" || dir == "." {
			return true
		}
	}
}
