package sandbox

import (
	"fmt"
	"os"
	"path/filepath"
	"syscall"
)

// maxEntries bounds the files a scratch tree may hold: handing over a
// tree a run filled with millions of files would stall every later run.
const maxEntries = 200_000

// Share prepares dir, a scratch directory tree the caller created (and
// removes when done), for runs: the tree's group becomes the sandbox's,
// directories group-writable and setgid, files group-readable and
// -writable. Run does this itself for its writable directories, but not
// for their ancestors: Share the root of a scratch tree whose top
// directory others cannot search (os.MkdirTemp makes 0700 directories).
func (s *Sandbox) Share(dir string) error {
	return s.handOver(dir)
}

// handOver gives the tree at dir to the sandbox's group. It walks with
// descriptors opened without following links (a run may have planted
// symbolic links or FIFOs anywhere in its scratch directory), so it only
// ever changes directories and regular files inside dir.
func (s *Sandbox) handOver(dir string) error {
	fd, err := syscall.Open(dir, syscall.O_RDONLY|syscall.O_DIRECTORY|syscall.O_NOFOLLOW|syscall.O_CLOEXEC, 0)
	if err != nil {
		return fmt.Errorf("sandbox: opening %s: %w", dir, err)
	}
	n := 0
	return s.walk(fd, dir, &n)
}

// walk fixes the directory open as fd and everything below it; it
// closes fd.
func (s *Sandbox) walk(fd int, path string, n *int) error {
	f := os.NewFile(uintptr(fd), path)
	defer f.Close()
	if err := s.fix(fd, true); err != nil {
		return fmt.Errorf("sandbox: %s: %w", path, err)
	}
	ents, err := f.ReadDir(-1)
	if err != nil {
		return fmt.Errorf("sandbox: %w", err)
	}
	for _, e := range ents {
		if *n++; *n > maxEntries {
			return fmt.Errorf("sandbox: more than %d files under the scratch directory", maxEntries)
		}
		switch t := e.Type(); {
		case t.IsDir():
			cfd, err := syscall.Openat(fd, e.Name(), syscall.O_RDONLY|syscall.O_DIRECTORY|syscall.O_NOFOLLOW|syscall.O_CLOEXEC, 0)
			if err != nil {
				continue // replaced or removed meanwhile
			}
			if err := s.walk(cfd, filepath.Join(path, e.Name()), n); err != nil {
				return err
			}
		case t.IsRegular():
			if fi, err := e.Info(); err == nil && s.fine(fi) {
				continue
			}
			cfd, err := syscall.Openat(fd, e.Name(), syscall.O_RDONLY|syscall.O_NOFOLLOW|syscall.O_NONBLOCK|syscall.O_NOCTTY|syscall.O_CLOEXEC, 0)
			if err != nil {
				continue
			}
			err = s.fix(cfd, false)
			syscall.Close(cfd)
			if err != nil {
				return fmt.Errorf("sandbox: %s: %w", filepath.Join(path, e.Name()), err)
			}
		}
	}
	return nil
}

// want returns the mode a directory or file must have.
func want(perm uint32, dir bool) uint32 {
	w := perm | 0o060
	switch {
	case dir:
		w |= 0o2010
	case perm&0o100 != 0:
		w |= 0o010
	}
	if !dir {
		w &^= 0o6000 // no set-id programs left behind
	}
	return w
}

// fine reports (from a possibly stale lstat) whether a regular file
// needs no change.
func (s *Sandbox) fine(fi os.FileInfo) bool {
	st, ok := fi.Sys().(*syscall.Stat_t)
	return ok && int(st.Gid) == s.gid && want(st.Mode&0o7777, false) == st.Mode&0o7777
}

// fix gives the open directory (dir) or regular file to the sandbox's
// group; anything else (the entry was replaced) is left alone.
func (s *Sandbox) fix(fd int, dir bool) error {
	var st syscall.Stat_t
	if err := syscall.Fstat(fd, &st); err != nil {
		return err
	}
	typ := st.Mode & syscall.S_IFMT
	if (dir && typ != syscall.S_IFDIR) || (!dir && typ != syscall.S_IFREG) {
		return nil
	}
	perm := st.Mode & 0o7777
	if int(st.Gid) != s.gid {
		if err := syscall.Fchown(fd, -1, s.gid); err != nil {
			return err
		}
		perm &^= 0o6000 // chown may clear set-id bits
	}
	if w := want(perm, dir); w != perm || int(st.Gid) != s.gid {
		return syscall.Fchmod(fd, w)
	}
	return nil
}
