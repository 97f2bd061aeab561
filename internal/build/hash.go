package build

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"sync"
	"syscall"
)

// fileHasher hashes files, remembering each (path, size, mtime) it has
// seen so a file is read at most once while it does not change.
type fileHasher struct {
	mu sync.Mutex
	m  map[string]hashMemo
}

type hashMemo struct {
	size  int64
	mtime int64
	sum   string
}

// Hash returns the hex SHA-256 of the file's contents.
func (h *fileHasher) Hash(path string) (string, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return "", err
	}
	h.mu.Lock()
	e, ok := h.m[path]
	h.mu.Unlock()
	if ok && e.size == fi.Size() && e.mtime == fi.ModTime().UnixNano() {
		return e.sum, nil
	}
	if !fi.Mode().IsRegular() {
		return "", fmt.Errorf("%s: not a regular file", path)
	}
	// O_NONBLOCK: a FIFO swapped in since the Stat must not hang us.
	f, err := os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return "", err
	}
	defer f.Close()
	s := sha256.New()
	if _, err := io.Copy(s, f); err != nil {
		return "", err
	}
	sum := hex.EncodeToString(s.Sum(nil))
	h.mu.Lock()
	if h.m == nil {
		h.m = make(map[string]hashMemo)
	}
	h.m[path] = hashMemo{fi.Size(), fi.ModTime().UnixNano(), sum}
	h.mu.Unlock()
	return sum, nil
}

func hashStrings(parts ...string) string {
	s := sha256.New()
	for _, p := range parts {
		io.WriteString(s, p)
		s.Write([]byte{0})
	}
	return hex.EncodeToString(s.Sum(nil))
}
