package build

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
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
	if err := copyFile(src, tmp); err != nil {
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
	os.Remove(dst)
	return copyFile(c.path("o", id), dst)
}

func copyFile(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	fi, err := in.Stat()
	if err != nil {
		return err
	}
	out, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, fi.Mode().Perm()|0o200)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
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
