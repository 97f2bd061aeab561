package server

// The page cache keeps rendered responses (HTML pages, feeds, JSON API
// answers, index files) in memory, so a popular module page costs a map
// lookup and a write instead of seven store queries, highlighting and a
// template run. Issue 4 asks for module pages at half the static-file
// rate; uncached they run at about a tenth of it.
//
// An entry is valid while both hold:
//   - the store generation it was rendered at is current: Invalidate
//     bumps it, and a writer in the same process calls it after every
//     write (see InvalidatingWriter);
//   - it is younger than Config.CacheTTL, which bounds staleness when
//     the writer is another process (a lint worker on PostgreSQL).
//
// Only complete 200 responses to plain GETs are kept: no Range, no
// conditional request on a miss, no downloads (already immutable blobs
// streamed from the blob store), no /static (already in memory), no
// /healthz or /metrics. The key is scheme, host and request URI, since
// feeds and the index embed the request's host when Config.BaseURL is
// empty. Each entry keeps its gzip form, made once, and an ETag (the
// handler's, else the body's hash) for 304s. Memory is bounded by
// Config.CacheBytes: when full, arbitrary entries are evicted.

import (
	"bytes"
	"compress/gzip"
	"context"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/ccan-archive/ccan/internal/store"
)

// Cache defaults.
const (
	defaultCacheTTL   = 5 * time.Second
	defaultCacheBytes = 64 << 20
	maxCachedBody     = 1 << 20 // larger responses are not kept
)

type pageCache struct {
	ttl   time.Duration
	limit int64
	gen   atomic.Uint64
	mu    sync.RWMutex
	pages map[string]*cachedPage
	size  int64
	hits  atomic.Uint64
	miss  atomic.Uint64
}

type cachedPage struct {
	route   string // for metrics
	gen     uint64
	expires time.Time
	header  http.Header
	body    []byte
	etag    string
	gzOnce  sync.Once
	gz      []byte // body gzipped, made on first use
}

func newPageCache(ttl time.Duration, limit int64) *pageCache {
	return &pageCache{ttl: ttl, limit: limit, pages: map[string]*cachedPage{}}
}

// Invalidate drops every cached page: call it after writing to the
// store. It is cheap; entries of older generations are replaced lazily.
func (s *Server) Invalidate() {
	if s.cache != nil {
		s.cache.gen.Add(1)
	}
}

// InvalidatingWriter returns a store.Writer that calls s.Invalidate
// after each successful write through w, for writers in the server's
// process (the background lint of the starter archive).
func (s *Server) InvalidatingWriter(w store.Writer) store.Writer {
	return &invalidatingWriter{w: w, s: s}
}

type invalidatingWriter struct {
	w store.Writer
	s *Server
}

func (iw *invalidatingWriter) done(err error) error {
	if err == nil {
		iw.s.Invalidate()
	}
	return err
}

func (iw *invalidatingWriter) InsertModuleVersion(ctx context.Context, mv *store.ModuleVersion) error {
	return iw.done(iw.w.InsertModuleVersion(ctx, mv))
}

func (iw *invalidatingWriter) SetLint(ctx context.Context, name, version string, res *store.LintResult) error {
	return iw.done(iw.w.SetLint(ctx, name, version, res))
}

func (iw *invalidatingWriter) PutJunk(ctx context.Context, j *store.Junk) error {
	return iw.done(iw.w.PutJunk(ctx, j))
}

func (iw *invalidatingWriter) SetArchive(ctx context.Context, tb *store.Tarball) error {
	return iw.done(iw.w.SetArchive(ctx, tb))
}

// cacheable reports whether r's response may come from the cache.
func cacheable(r *http.Request) bool {
	if r.Method != http.MethodGet || r.Header.Get("Range") != "" {
		return false
	}
	if _, err := r.Cookie(sessionCookie); err == nil {
		return false // a logged-in page: its header names the user
	}
	p := r.URL.Path
	for _, prefix := range []string{"/download/", "/static/", "/healthz", "/metrics"} {
		if strings.HasPrefix(p, prefix) {
			return false
		}
	}
	return true
}

func cacheKey(r *http.Request) string {
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	return scheme + "://" + r.Host + r.URL.RequestURI()
}

// handler serves from the cache, filling it from h (which must not
// compress: the cache compresses itself).
func (c *pageCache) handler(h, gz http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !cacheable(r) {
			gz.ServeHTTP(w, r)
			return
		}
		key := cacheKey(r)
		if p := c.get(key); p != nil {
			c.hits.Add(1)
			noteRoute(w, p.route)
			p.serve(w, r)
			return
		}
		c.miss.Add(1)
		if r.Header.Get("If-None-Match") != "" || r.Header.Get("If-Modified-Since") != "" {
			gz.ServeHTTP(w, r)
			return
		}
		gen := c.gen.Load()
		rec := &captureWriter{header: http.Header{}, status: http.StatusOK}
		h.ServeHTTP(rec, r)
		noteRoute(w, rec.route)
		p := rec.page(gen, time.Now().Add(c.ttl))
		if p == nil || r.Context().Err() != nil {
			rec.replay(w)
			return
		}
		c.put(key, p)
		p.serve(w, r)
	})
}

func (c *pageCache) get(key string) *cachedPage {
	c.mu.RLock()
	p := c.pages[key]
	c.mu.RUnlock()
	if p == nil || p.gen != c.gen.Load() || time.Now().After(p.expires) {
		return nil
	}
	return p
}

func (c *pageCache) put(key string, p *cachedPage) {
	n := int64(len(key) + 2*len(p.body))
	c.mu.Lock()
	defer c.mu.Unlock()
	if old := c.pages[key]; old != nil {
		c.size -= int64(len(key) + 2*len(old.body))
		delete(c.pages, key)
	}
	for k, old := range c.pages { // map order is random: arbitrary eviction
		if c.size+n <= c.limit {
			break
		}
		c.size -= int64(len(k) + 2*len(old.body))
		delete(c.pages, k)
	}
	c.pages[key] = p
	c.size += n
}

// serve writes p, gzipped when r accepts it, or 304 when r's
// If-None-Match matches.
func (p *cachedPage) serve(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	for k, v := range p.header {
		h[k] = v
	}
	if match := r.Header.Get("If-None-Match"); match != "" && strings.Contains(match, p.etag) {
		h.Del("Content-Length")
		w.WriteHeader(http.StatusNotModified)
		return
	}
	body := p.body
	if acceptsGzip(r) && compressible(p.header) {
		p.gzOnce.Do(func() { p.gz = gzipBytes(p.body) })
		body = p.gz
		h.Set("Content-Encoding", "gzip")
	}
	h.Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(http.StatusOK)
	w.Write(body)
}

func gzipBytes(b []byte) []byte {
	var buf bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	zw.Write(b)
	zw.Close()
	return buf.Bytes()
}

// captureWriter records a response in memory.
type captureWriter struct {
	header http.Header
	status int
	wrote  bool
	body   bytes.Buffer
	tooBig bool
	route  string
}

func (c *captureWriter) noteRoute(pattern string) { c.route = pattern }
func (c *captureWriter) headerWritten() bool      { return c.wrote }

func (c *captureWriter) Header() http.Header { return c.header }

func (c *captureWriter) WriteHeader(code int) {
	if !c.wrote {
		c.status, c.wrote = code, true
	}
}

func (c *captureWriter) Write(b []byte) (int, error) {
	c.WriteHeader(http.StatusOK)
	if c.body.Len()+len(b) > maxCachedBody {
		c.tooBig = true
	}
	return c.body.Write(b)
}

// page returns the recorded response as a cache entry, or nil when it
// must not be kept.
func (c *captureWriter) page(gen uint64, expires time.Time) *cachedPage {
	h := c.header
	if c.status != http.StatusOK || c.tooBig || h.Get("Content-Encoding") != "" ||
		strings.Contains(h.Get("Cache-Control"), "no-store") || h.Get("Set-Cookie") != "" {
		return nil
	}
	p := &cachedPage{route: c.route, gen: gen, expires: expires, header: h.Clone(), body: bytes.Clone(c.body.Bytes())}
	p.header.Del("Content-Length")
	if p.etag = h.Get("ETag"); p.etag == "" {
		p.etag = etagOf(p.body)
		p.header.Set("ETag", p.etag)
	}
	return p
}

// replay writes the recorded response as it was.
func (c *captureWriter) replay(w http.ResponseWriter) {
	for k, v := range c.header {
		w.Header()[k] = v
	}
	w.WriteHeader(c.status)
	w.Write(c.body.Bytes())
}
