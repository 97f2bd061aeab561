package fetch

import (
	"context"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/ccan-archive/ccan/internal/derrors"
	"github.com/ccan-archive/ccan/internal/module"
)

// Source is an archive as the client sees it.
type Source interface {
	// Index returns the versions of a module, oldest first (checked by
	// ParseIndex). A module the archive does not have is a
	// derrors.NotFound error.
	Index(ctx context.Context, name string) ([]*Entry, error)
	// Open returns the bytes of module name's tarball tb. The bytes are
	// not verified: Download does that.
	Open(ctx context.Context, name string, tb *Tarball) (io.ReadCloser, error)
	// Search returns modules matching query, best first, at most limit.
	Search(ctx context.Context, query string, limit int) ([]*Summary, error)
	// Describe returns what the archive knows of a module version
	// (version "" = the newest).
	Describe(ctx context.Context, name, version string) (*module.Info, error)
	// String is the archive's specification, as Open accepts it.
	String() string
}

// Summary is one module in a search result or list.
type Summary struct {
	Name    string `json:"name"`
	Version string `json:"version"`
	Summary string `json:"summary"`
	License string `json:"license"`
}

// Options configure Open.
type Options struct {
	// Dir is the directory relative paths are taken against ("" = the
	// process's working directory).
	Dir string
	// CacheDir holds the HTTP cache of index files ("" = no cache).
	CacheDir string
	// Timeout bounds each HTTP request (default 60s).
	Timeout time.Duration
	// Attempts is how many times a request is tried when the server is
	// busy or failing (default 4); BaseDelay is the first back-off delay
	// (default 500ms), doubled on every retry.
	Attempts  int
	BaseDelay time.Duration
	// UserAgent is sent with every HTTP request.
	UserAgent string
}

// Open returns the Source an archive specification names: an http(s)
// URL, a file:// URL or path of a static export (a directory holding
// index/config.json), or a path to a CCAN tree (a directory holding
// ccan/).
func Open(spec string, opts Options) (Source, error) {
	if spec == "" {
		return nil, derrors.Errorf(derrors.InvalidArgument, "empty archive")
	}
	u, err := url.Parse(spec)
	if err == nil && (u.Scheme == "http" || u.Scheme == "https") {
		if u.Host == "" {
			return nil, derrors.Errorf(derrors.InvalidArgument, "archive %q: no host", spec)
		}
		return newHTTP(u, opts), nil
	}
	dir := spec
	if err == nil && u.Scheme == "file" {
		if u.Host != "" && u.Host != "localhost" {
			return nil, derrors.Errorf(derrors.InvalidArgument, "archive %q: file URLs name a local directory", spec)
		}
		dir = u.Path
	} else if err == nil && u.Scheme != "" && len(u.Scheme) > 1 {
		return nil, derrors.Errorf(derrors.InvalidArgument, "archive %q: unsupported scheme %s (want http, https, file or a directory)", spec, u.Scheme)
	}
	if !filepath.IsAbs(dir) && opts.Dir != "" {
		dir = filepath.Join(opts.Dir, dir)
	}
	dir, err = filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	if isFile(filepath.Join(dir, "index", "config.json")) {
		return &Static{dir: dir}, nil
	}
	if fi, err := os.Stat(filepath.Join(dir, "ccan")); err == nil && fi.IsDir() {
		return NewDir(&module.Tree{Dir: dir}), nil
	}
	return nil, fmt.Errorf("archive %s: %w: neither a static export (no index/config.json) nor a CCAN tree (no ccan/)", dir, derrors.NotFound)
}

func isFile(p string) bool {
	fi, err := os.Stat(p)
	return err == nil && fi.Mode().IsRegular()
}

// matchSummaries is the search of sources without a search engine: a
// module matches when every word of query occurs in its name or
// summary (case-insensitively); exact names come first, then names
// starting with the query, then the rest by name.
func matchSummaries(all []*Summary, query string, limit int) []*Summary {
	words := strings.Fields(strings.ToLower(query))
	q := strings.TrimPrefix(strings.ToLower(strings.TrimSpace(query)), "ccan/")
	tiers := make([][]*Summary, 3)
	for _, s := range all {
		hay := strings.ToLower(s.Name + " " + s.Summary)
		ok := true
		for _, w := range words {
			if !strings.Contains(hay, strings.TrimPrefix(w, "ccan/")) {
				ok = false
				break
			}
		}
		switch {
		case !ok:
		case s.Name == q:
			tiers[0] = append(tiers[0], s)
		case strings.HasPrefix(s.Name, q):
			tiers[1] = append(tiers[1], s)
		default:
			tiers[2] = append(tiers[2], s)
		}
	}
	var out []*Summary
	for _, t := range tiers {
		out = append(out, t...)
	}
	if limit > 0 && len(out) > limit {
		out = out[:limit]
	}
	return out
}
