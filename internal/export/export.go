// Package export writes an archive web site as static files that any
// web server can host and that "ccan get --archive file://DIR" reads
// offline: the mirror story.
//
// Write drives the site's real http.Handler in-process: it requests
// every seed path (module pages, the JSON API, the package index,
// tarballs; see Seeds), follows the same-site links of every HTML page
// it gets, and writes each 200 answer to a file. Paths with a query
// string (search) cannot be static and are skipped, except a lone
// cache-busting "?v=" (style sheets), exported as the path alone.
//
// The layout maps a URL path P to a file so that a plain file server
// answers P with the same bytes:
//
//   - an HTML page is written as P/index.html (web servers answer P with
//     a redirect to P/ and then index.html);
//   - any other answer is written as P, unless P is also the directory of
//     another path (/index/str next to /index/str/hex); then it is
//     written as P/index.html too.
//
// Path and ReadFile implement the reverse mapping for local readers.
// The directory is built next to DIR and renamed into place, so a
// failed export leaves an older export intact.
package export

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"html"
	"io"
	"io/fs"
	"net/http"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
)

// Options configure Write.
type Options struct {
	// Handler is the site (internal/server's Server).
	Handler http.Handler
	// Seeds are the paths to export besides what pages link to.
	Seeds []string
	// MaxFiles bounds the export (default 1,000,000 files).
	MaxFiles int
}

// Report says what an export wrote.
type Report struct {
	Files int
	Bytes int64
	// Missing are seed or linked paths the site did not answer with 200
	// (a module never linted has no /api/lint/NAME).
	Missing []string
}

// page is one exported answer, kept in a numbered temporary file until
// every path is known.
type page struct {
	path string // URL path, unescaped ("/m/list/-/src/list.h")
	html bool
	tmp  string
}

// Write exports the site into dir.
func Write(ctx context.Context, dir string, opts Options) (rep *Report, err error) {
	if opts.MaxFiles <= 0 {
		opts.MaxFiles = 1_000_000
	}
	dir = filepath.Clean(dir)
	if err := checkTarget(dir); err != nil {
		return nil, err
	}
	stage, err := os.MkdirTemp(filepath.Dir(dir), "."+filepath.Base(dir)+".tmp-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(stage)
	c := &crawler{h: opts.Handler, stage: stage, seen: map[string]bool{}, rep: &Report{}, max: opts.MaxFiles}
	if err := c.run(ctx, opts.Seeds); err != nil {
		return nil, err
	}
	if err := c.place(); err != nil {
		return nil, err
	}
	return c.rep, swap(stage, dir)
}

// checkTarget allows a missing or empty directory, or an old export.
func checkTarget(dir string) error {
	ents, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) || err == nil && len(ents) == 0 {
		return nil
	}
	if err != nil {
		return err
	}
	if _, err := os.Stat(filepath.Join(dir, "index", "config.json")); err != nil {
		return fmt.Errorf("%s exists and is not an archive export: refusing to replace it", dir)
	}
	return nil
}

// swap moves the finished export in place of dir.
func swap(stage, dir string) error {
	out := filepath.Join(stage, "out")
	if _, err := os.Stat(dir); err == nil {
		old := filepath.Join(stage, "old")
		if err := os.Rename(dir, old); err != nil {
			return err
		}
		if err := os.Rename(out, dir); err != nil {
			os.Rename(old, dir)
			return err
		}
		return nil
	}
	return os.Rename(out, dir)
}

type crawler struct {
	h     http.Handler
	stage string
	seen  map[string]bool
	pages []page
	rep   *Report
	max   int
}

func (c *crawler) run(ctx context.Context, seeds []string) error {
	queue := append([]string{"/"}, seeds...)
	for len(queue) > 0 {
		if err := ctx.Err(); err != nil {
			return err
		}
		p := queue[0]
		queue = queue[1:]
		if c.seen[p] {
			continue
		}
		c.seen[p] = true
		links, err := c.fetch(ctx, p)
		if err != nil {
			return err
		}
		queue = append(queue, links...)
	}
	return nil
}

// fetch requests one path, keeps a 200 answer and returns the page's
// links.
func (c *crawler) fetch(ctx context.Context, p string) ([]string, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, "http://export.invalid"+p, nil)
	if err != nil {
		c.rep.Missing = append(c.rep.Missing, p)
		return nil, nil
	}
	rec := &recorder{header: http.Header{}}
	c.h.ServeHTTP(rec, req)
	if rec.status != http.StatusOK {
		c.rep.Missing = append(c.rep.Missing, p)
		return nil, nil
	}
	if len(c.pages) >= c.max {
		return nil, fmt.Errorf("export: more than %d files", c.max)
	}
	up, err := url.PathUnescape(p)
	if clean := path.Clean(up); err != nil || !strings.HasPrefix(up, "/") || clean != up && clean+"/" != up || strings.ContainsAny(up, "\x00\\") {
		c.rep.Missing = append(c.rep.Missing, p)
		return nil, nil
	}
	pg := page{path: up, html: strings.HasPrefix(rec.header.Get("Content-Type"), "text/html"),
		tmp: filepath.Join(c.stage, fmt.Sprintf("%08d", len(c.pages)))}
	if err := os.WriteFile(pg.tmp, rec.body.Bytes(), 0o644); err != nil {
		return nil, err
	}
	c.pages = append(c.pages, pg)
	c.rep.Files++
	c.rep.Bytes += int64(rec.body.Len())
	if !pg.html {
		return nil, nil
	}
	return links(rec.body.Bytes()), nil
}

var linkRe = regexp.MustCompile(`(?:href|src)="(/[^"]*)"`)

// links returns the same-site paths an HTML page links to, without
// fragments. Links with a query string are left out, except a lone
// cache-busting version ("/static/style.css?v=0123abcd"): the site
// answers the path alone with the same file, and a file server
// ignores the query, so the path is exported.
func links(body []byte) []string {
	var out []string
	for _, m := range linkRe.FindAllSubmatch(body, -1) {
		l := html.UnescapeString(string(m[1]))
		if i := strings.IndexByte(l, '#'); i >= 0 {
			l = l[:i]
		}
		if p, q, ok := strings.Cut(l, "?"); ok {
			if v, err := url.ParseQuery(q); err != nil || len(v) != 1 || len(v["v"]) != 1 {
				continue
			}
			l = p
		}
		if l == "" || strings.HasPrefix(l, "//") {
			continue
		}
		out = append(out, l)
	}
	return out
}

// place moves every page to its final name under stage/out.
func (c *crawler) place() error {
	dirs := map[string]bool{}
	for _, pg := range c.pages {
		for d := path.Dir(strings.TrimSuffix(pg.path, "/")); d != "/" && d != "."; d = path.Dir(d) {
			dirs[d] = true
		}
	}
	sort.Slice(c.pages, func(i, j int) bool { return c.pages[i].path < c.pages[j].path })
	out := filepath.Join(c.stage, "out")
	for _, pg := range c.pages {
		rel := strings.Trim(pg.path, "/")
		if pg.html || rel == "" || strings.HasSuffix(pg.path, "/") || dirs["/"+rel] {
			rel = path.Join(rel, "index.html")
		}
		dst := filepath.Join(out, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			return err
		}
		if err := os.Rename(pg.tmp, dst); err != nil {
			return err
		}
	}
	return os.MkdirAll(out, 0o755)
}

// Path returns the file of an export in dir that serves URL path p
// (unescaped, starting with "/"): the file itself, or index.html in the
// directory of that name.
func Path(dir, p string) (string, error) {
	clean := path.Clean("/" + p)
	if strings.Contains(clean, "\x00") {
		return "", fmt.Errorf("bad path %q", p)
	}
	f := filepath.Join(dir, filepath.FromSlash(strings.TrimPrefix(clean, "/")))
	fi, err := os.Stat(f)
	if err != nil {
		return "", err
	}
	if fi.IsDir() {
		f = filepath.Join(f, "index.html")
	}
	return f, nil
}

// ReadFile reads what the export in dir serves at URL path p, at most
// max bytes.
func ReadFile(dir, p string, max int64) ([]byte, error) {
	f, err := Path(dir, p)
	if err != nil {
		return nil, err
	}
	fh, err := os.Open(f)
	if err != nil {
		return nil, err
	}
	defer fh.Close()
	b, err := io.ReadAll(io.LimitReader(fh, max+1))
	if err != nil {
		return nil, err
	}
	if int64(len(b)) > max {
		return nil, fmt.Errorf("%s: larger than %d bytes", f, max)
	}
	return b, nil
}

// recorder is an in-memory http.ResponseWriter.
type recorder struct {
	header http.Header
	status int
	body   bytes.Buffer
}

func (r *recorder) Header() http.Header { return r.header }

func (r *recorder) WriteHeader(code int) {
	if r.status == 0 {
		r.status = code
	}
}

func (r *recorder) Write(b []byte) (int, error) {
	if r.status == 0 {
		r.status = http.StatusOK
	}
	return r.body.Write(b)
}
