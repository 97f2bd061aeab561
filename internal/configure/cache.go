package configure

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
)

// cacheVersion changes whenever the meaning of a cache entry changes.
const cacheVersion = 1

// cacheEntry is the JSON content of one cache file.
type cacheEntry struct {
	Version  int      `json:"version"`
	Key      string   `json:"key"`
	Compiler string   `json:"compiler"`
	CFlags   string   `json:"cflags"`
	Values   []Result `json:"values"`
}

// cacheKey identifies a compiler and flag set: the command, the resolved
// executable (path, size, modification time), its --version output, the
// flags and the probe definitions. Failing to learn any of these only
// makes the key less specific in the same way for every Run.
func cacheKey(ctx context.Context, opts Options, path string, tests []Test) string {
	h := sha256.New()
	fmt.Fprintf(h, "ccan configure cache v%d\x00", cacheVersion)
	fmt.Fprintf(h, "cc %q\x00", opts.CC)
	if real, err := filepath.EvalSymlinks(path); err == nil {
		path = real
	}
	fmt.Fprintf(h, "path %q\x00", path)
	if fi, err := os.Stat(path); err == nil {
		fmt.Fprintf(h, "stat %d %d\x00", fi.Size(), fi.ModTime().UnixNano())
	}
	argv := append(strings.Fields(opts.CC), "--version")
	res, err := runProc(ctx, opts.Timeout, "", argv)
	fmt.Fprintf(h, "version %v %d %q\x00", err, res.ExitCode, res.Output)
	for _, f := range opts.CFlags {
		fmt.Fprintf(h, "flag %q\x00", f)
	}
	probeHash(h, tests)
	return hex.EncodeToString(h.Sum(nil))
}

// probeHash writes every field of every probe to w.
func probeHash(w io.Writer, tests []Test) {
	for _, t := range tests {
		fmt.Fprintf(w, "probe %q %v %v %q %q %q %q\x00",
			t.Name, t.Style, t.Depends, t.Flags, t.Link, t.Overrides, t.Source())
	}
}

// loadCache returns the cached values for key, if a well-formed entry
// exists and lists exactly the given probes in order. Anything else is a
// miss: a stale or damaged entry is simply recomputed and rewritten.
func loadCache(dir, key string, tests []Test) ([]Result, bool) {
	data, err := os.ReadFile(filepath.Join(dir, key+".json"))
	if err != nil {
		return nil, false
	}
	var e cacheEntry
	if err := json.Unmarshal(data, &e); err != nil {
		return nil, false
	}
	if e.Version != cacheVersion || e.Key != key || len(e.Values) != len(tests) {
		return nil, false
	}
	for i, t := range tests {
		if e.Values[i].Name != t.Name {
			return nil, false
		}
	}
	return e.Values, true
}

// saveCache writes cfg under key atomically: a temporary file in dir is
// renamed over the entry, so readers see the old entry or the new one.
func saveCache(dir, key string, cfg *Config) (err error) {
	defer func() {
		if err != nil {
			err = fmt.Errorf("saving cache entry in %s: %w", dir, err)
		}
	}()
	data, err := json.MarshalIndent(cacheEntry{Version: cacheVersion, Key: key,
		Compiler: cfg.Compiler, CFlags: cfg.CFlags, Values: cfg.Values}, "", "\t")
	if err != nil {
		return err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	f, err := os.CreateTemp(dir, key+".tmp-*")
	if err != nil {
		return err
	}
	defer os.Remove(f.Name()) // fails harmlessly after the rename
	if _, err := f.Write(append(data, '\n')); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	return os.Rename(f.Name(), filepath.Join(dir, key+".json"))
}
