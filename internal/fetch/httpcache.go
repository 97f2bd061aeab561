package fetch

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"os"
	"path/filepath"
)

// cache keeps HTTP responses that carry an ETag, to revalidate them
// with If-None-Match: DIR/<sha256 of the URL>.json holds the URL and
// ETag, DIR/<same>.body the bytes. Writes go through a temporary file
// and a rename, so concurrent clients never read half an entry (at
// worst they read a body with another ETag's meta, which the next 200
// answer repairs; a body always belongs to its URL).
type cache struct {
	dir string // "" = no caching
}

type cacheMeta struct {
	URL  string `json:"url"`
	ETag string `json:"etag"`
	// Body is the SHA-256 of the body file: a torn pair (meta from one
	// write, body from another) is detected and ignored.
	Body string `json:"body"`
}

func (c *cache) paths(url string) (meta, body string) {
	sum := sha256.Sum256([]byte(url))
	base := filepath.Join(c.dir, hex.EncodeToString(sum[:]))
	return base + ".json", base + ".body"
}

// load returns the cached ETag and body of url.
func (c *cache) load(url string) (etag string, body []byte, ok bool) {
	if c == nil || c.dir == "" {
		return "", nil, false
	}
	mp, bp := c.paths(url)
	mb, err := os.ReadFile(mp)
	if err != nil {
		return "", nil, false
	}
	var m cacheMeta
	if json.Unmarshal(mb, &m) != nil || m.URL != url || m.ETag == "" {
		return "", nil, false
	}
	body, err = os.ReadFile(bp)
	if err != nil {
		return "", nil, false
	}
	sum := sha256.Sum256(body)
	if hex.EncodeToString(sum[:]) != m.Body {
		return "", nil, false
	}
	return m.ETag, body, true
}

// store records a 200 answer; failures only cost a future download.
func (c *cache) store(url, etag string, body []byte) {
	if c == nil || c.dir == "" || etag == "" {
		return
	}
	if err := os.MkdirAll(c.dir, 0o755); err != nil {
		return
	}
	mp, bp := c.paths(url)
	sum := sha256.Sum256(body)
	mb, _ := json.Marshal(cacheMeta{URL: url, ETag: etag, Body: hex.EncodeToString(sum[:])})
	if writeFileAtomic(bp, body) == nil {
		writeFileAtomic(mp, mb)
	}
}

// writeFileAtomic writes data to a temporary file next to path and
// renames it into place.
func writeFileAtomic(path string, data []byte) error {
	f, err := os.CreateTemp(filepath.Dir(path), ".tmp-*")
	if err != nil {
		return err
	}
	_, err = f.Write(data)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(f.Name(), path)
	}
	if err != nil {
		os.Remove(f.Name())
	}
	return err
}
