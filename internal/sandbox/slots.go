package sandbox

import (
	"bufio"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// lockDir holds one lock file per slot uid; a sandbox holds an exclusive
// flock on each uid it uses, for its whole life, so that sandboxes in
// other processes (a server and a CLI lint, parallel test binaries) take
// other uids.
func lockDir() (string, error) {
	dir := filepath.Join(os.TempDir(), "ccan-sandbox")
	if fi, err := os.Stat("/run"); err == nil && fi.IsDir() {
		dir = "/run/ccan-sandbox"
	}
	if err := os.Mkdir(dir, 0o700); err != nil && !errors.Is(err, os.ErrExist) {
		return "", fmt.Errorf("sandbox: %w", err)
	}
	fi, err := os.Lstat(dir)
	if err != nil {
		return "", fmt.Errorf("sandbox: %w", err)
	}
	st, ok := fi.Sys().(*syscall.Stat_t)
	if !fi.IsDir() || !ok || st.Uid != 0 || fi.Mode().Perm()&0o022 != 0 {
		return "", fmt.Errorf("sandbox: lock directory %s must be a directory owned by root and writable only by it", dir)
	}
	return dir, nil
}

// lockSlots takes Slots free uids: not locked by another sandbox, and
// with no process running under them.
func (s *Sandbox) lockSlots() error {
	dir, err := lockDir()
	if err != nil {
		return err
	}
	busy := uidsInUse()
	s.slots = make(chan *slot, s.cfg.Slots)
	for uid := s.gid + 1; uid <= s.gid+idRange && len(s.locks) < s.cfg.Slots; uid++ {
		if busy[uid] {
			continue
		}
		f, err := os.OpenFile(filepath.Join(dir, strconv.Itoa(uid)), os.O_RDWR|os.O_CREATE, 0o600)
		if err != nil {
			s.Close()
			return fmt.Errorf("sandbox: %w", err)
		}
		if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
			f.Close()
			continue
		}
		s.locks = append(s.locks, f)
		s.uids = append(s.uids, uid)
		s.slots <- &slot{uid: uid}
	}
	if len(s.locks) < s.cfg.Slots {
		s.Close()
		return fmt.Errorf("sandbox: only %d of %d slot uids after %d are free", len(s.locks), s.cfg.Slots, s.gid)
	}
	return nil
}

// uidsInUse returns the real uids of every process.
func uidsInUse() map[int]bool {
	out := map[int]bool{}
	forEachProcess(func(p proc) { out[p.uid] = true })
	return out
}

// proc is a process as /proc/PID/status shows it.
type proc struct {
	pid, uid int
	zombie   bool
}

// forEachProcess calls f with every process.
func forEachProcess(f func(proc)) {
	names, _ := readDirNames("/proc")
	for _, n := range names {
		pid, err := strconv.Atoi(n)
		if err != nil {
			continue
		}
		if p, ok := readProc(pid); ok {
			f(p)
		}
	}
}

func readDirNames(dir string) ([]string, error) {
	d, err := os.Open(dir)
	if err != nil {
		return nil, err
	}
	defer d.Close()
	return d.Readdirnames(-1)
}

func readProc(pid int) (proc, bool) {
	p := proc{pid: pid}
	f, err := os.Open("/proc/" + strconv.Itoa(pid) + "/status")
	if err != nil {
		return p, false
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if rest, ok := strings.CutPrefix(line, "State:"); ok {
			p.zombie = strings.HasPrefix(strings.TrimSpace(rest), "Z")
		}
		if rest, ok := strings.CutPrefix(line, "Uid:"); ok {
			fields := strings.Fields(rest)
			if len(fields) == 0 {
				return p, false
			}
			p.uid, err = strconv.Atoi(fields[0])
			return p, err == nil
		}
	}
	return p, false
}

// reap kills whatever still runs under uid (the slot is exclusively
// this sandbox's, so it is the finished run's) and waits until nothing
// does, so the next run on the slot starts with a clean process count.
// Normally the pid namespace is gone already: its init exits with the
// program, or dies with bwrap when runner kills it at the time limit.
// It returns how many zombies are left: a killed namespace's init,
// orphaned, waits for the machine's init to reap it, and counts against
// the slot's RLIMIT_NPROC until then.
func (s *Sandbox) reap(uid int) (zombies int) {
	deadline := time.Now().Add(10 * time.Second)
	for {
		live := 0
		zombies = 0
		forEachProcess(func(p proc) {
			switch {
			case p.uid != uid:
			case p.zombie:
				zombies++
			default:
				live++
				syscall.Kill(p.pid, syscall.SIGKILL)
			}
		})
		if live == 0 || time.Now().After(deadline) {
			return zombies
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// zombies counts the zombies of uid.
func zombies(uid int) int {
	n := 0
	forEachProcess(func(p proc) {
		if p.uid == uid && p.zombie {
			n++
		}
	})
	return n
}

// searchable reports an error unless every ancestor of dir can be
// searched by the slot uids (bwrap, already running as one, opens the
// directories to bind).
func (s *Sandbox) searchable(dir string) error {
	for p := filepath.Dir(dir); ; p = filepath.Dir(p) {
		fi, err := os.Stat(p)
		if err != nil {
			return fmt.Errorf("sandbox: %w", err)
		}
		st, ok := fi.Sys().(*syscall.Stat_t)
		mode := fi.Mode().Perm()
		if !ok || (mode&0o001 == 0 && (int(st.Gid) != s.gid || mode&0o010 == 0)) {
			return fmt.Errorf("sandbox: %s (mode %04o) cannot be searched by the sandbox's uids, so %s cannot be used: Share the scratch root, or make it searchable (o+x)", p, mode, dir)
		}
		if p == "/" {
			return nil
		}
	}
}
