package build

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"syscall"
)

// Cache is the on-disk content-addressed store. A nil *Cache or one with
// an empty Dir caches nothing.
type Cache struct {
	Dir string
}

// entry is what an action ID maps to.
type entry struct {
	Deps     []dep  `json:"deps,omitempty"` // inputs discovered while running (headers)
	OutputID string `json:"output,omitempty"`
	Output   string `json:"messages"` // compiler or program output
	Exit     int    `json:"exit"`
	Extra    string `json:"extra,omitempty"` // action-specific data (e.g. a valgrind log)
}

type dep struct {
	Path string `json:"path"`
	Sum  string `json:"sum"`
}

func (c *Cache) enabled() bool { return c != nil && c.Dir != "" }

func (c *Cache) path(kind, id string) string {
	return filepath.Join(c.Dir, kind, id[:2], id)
}

func (c *Cache) getEntry(id string) (*entry, bool) {
	if !c.enabled() {
		return nil, false
	}
	b, err := os.ReadFile(c.path("a", id))
	if err != nil {
		return nil, false
	}
	var e entry
	if json.Unmarshal(b, &e) != nil {
		return nil, false
	}
	return &e, true
}

func (c *Cache) putEntry(id string, e *entry) error {
	if !c.enabled() {
		return nil
	}
	b, err := json.Marshal(e)
	if err != nil {
		return err
	}
	return writeFileAtomic(c.path("a", id), b)
}

// putOutput stores the file at src by content and returns its output ID.
func (c *Cache) putOutput(src string, h *fileHasher) (string, error) {
	sum, err := h.Hash(src)
	if err != nil {
		return "", err
	}
	if !c.enabled() {
		return sum, nil
	}
	dst := c.path("o", sum)
	if _, err := os.Stat(dst); err == nil {
		return sum, nil
	}
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		return "", err
	}
	tmp := dst + fmt.Sprintf(".tmp%d", os.Getpid())
	if err := copyFile(src, tmp, false); err != nil {
		return "", err
	}
	return sum, os.Rename(tmp, dst)
}

// getOutput materialises the output with the given ID at dst.
func (c *Cache) getOutput(id, dst string) error {
	if !c.enabled() {
		return errors.New("cache disabled")
	}
	// Copy, never hard-link: a later action writing to dst in place (a
	// compiler truncating its output file) would corrupt the cache.
	// The new file is created exclusively: dst may be in a directory a
	// confined process writes, and a link it planted there since the
	// Remove must not redirect this write.
	os.Remove(dst)
	return copyFile(c.path("o", id), dst, true)
}

// copyFile copies the regular file src (never through a symbolic link:
// outputs come from processes that may be hostile) to dst, created
// exclusively if excl.
func copyFile(src, dst string, excl bool) error {
	in, err := openRegular(src)
	if err != nil {
		return err
	}
	defer in.Close()
	fi, err := in.Stat()
	if err != nil {
		return err
	}
	flags := os.O_WRONLY | os.O_CREATE | os.O_TRUNC
	if excl {
		flags = os.O_WRONLY | os.O_CREATE | os.O_EXCL
	}
	out, err := os.OpenFile(dst, flags, fi.Mode().Perm()|0o200)
	if err != nil {
		return err
	}
	// ReadFrom, not io.Copy: io.Copy prefers in.WriteTo, which copies
	// through user space; ReadFrom lets the kernel copy
	// (copy_file_range).
	if _, err := out.ReadFrom(in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

func writeFileAtomic(path string, data []byte) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	f, err := os.CreateTemp(filepath.Dir(path), ".tmp-*")
	if err != nil {
		return err
	}
	_, werr := f.Write(data)
	cerr := f.Close()
	if werr != nil || cerr != nil {
		os.Remove(f.Name())
		return errors.Join(werr, cerr)
	}
	return os.Rename(f.Name(), path)
}

// openRegular opens path for reading only if it is a regular file,
// without following a symbolic link in its last component or blocking
// on a FIFO.
func openRegular(path string) (*os.File, error) {
	f, err := os.OpenFile(path, os.O_RDONLY|syscall.O_NOFOLLOW|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil, err
	}
	fi, err := f.Stat()
	if err == nil && !fi.Mode().IsRegular() {
		err = fmt.Errorf("%s: not a regular file", path)
	}
	if err != nil {
		f.Close()
		return nil, err
	}
	return f, nil
}
