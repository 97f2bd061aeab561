// Package server is the archive web site behind "ccan serve": HTML
// pages, Atom feeds, a JSON API under /api/, a static package index
// under /index/ (what "ccan get" reads), tarball downloads, /healthz and
// /metrics.
//
// The server reads only through store.Reader and blob.Store, so it does
// not know which database it runs on (after pkgsite's DataSource).
// Handlers return errors; serveError maps them to a status through
// derrors.HTTPStatus, the one table. Templates and CSS are embedded;
// with Config.DevDir they are re-read from disk on every request.
package server

import (
	"log/slog"
	"net/http"
	"time"

	"github.com/ccan-archive/ccan/internal/blob"
	"github.com/ccan-archive/ccan/internal/store"
)

// Config is what a Server needs.
type Config struct {
	Store store.Reader
	Blobs blob.Store
	Log   *slog.Logger // slog.Default() when nil
	// DevDir, when set, is the directory holding templates/ and static/
	// (internal/server in a checkout): they are re-read on every request.
	DevDir string
	// BaseURL is the site's external URL ("https://ccan.example.org"),
	// used in feeds and the index; when empty it is taken from each
	// request's Host.
	BaseURL string
	// Timeout bounds each request's work (10s when zero).
	Timeout time.Duration
	// CacheTTL bounds how long a rendered page is served from memory
	// (5s when zero; negative disables the cache, as DevDir does).
	// Within the process, Invalidate ends every entry at once.
	CacheTTL time.Duration
	// CacheBytes bounds the page cache's memory (64 MiB when zero).
	CacheBytes int64
}

// Server serves the archive.
type Server struct {
	cfg       Config
	log       *slog.Logger
	templates *templates
	hl        *highlighter
	metrics   *metrics
	static    *staticFiles
	cache     *pageCache // nil when disabled
	handler   http.Handler
}

// New returns a Server; it fails when the templates do not parse.
func New(cfg Config) (*Server, error) {
	if cfg.Log == nil {
		cfg.Log = slog.Default()
	}
	if cfg.Timeout == 0 {
		cfg.Timeout = 10 * time.Second
	}
	if cfg.CacheTTL == 0 {
		cfg.CacheTTL = defaultCacheTTL
	}
	if cfg.CacheBytes <= 0 {
		cfg.CacheBytes = defaultCacheBytes
	}
	s := &Server{cfg: cfg, log: cfg.Log, hl: newHighlighter(), metrics: newMetrics()}
	var err error
	if s.templates, err = newTemplates(cfg.DevDir); err != nil {
		return nil, err
	}
	if s.static, err = newStatic(cfg.DevDir, s.hl.css()); err != nil {
		return nil, err
	}
	if cfg.CacheTTL > 0 && cfg.DevDir == "" {
		s.cache = newPageCache(cfg.CacheTTL, cfg.CacheBytes)
	}
	mux := http.NewServeMux()
	s.Install(mux.Handle)
	s.handler = s.middleware(mux)
	return s, nil
}

// ServeHTTP implements http.Handler.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.handler.ServeHTTP(w, r) }

// Install registers every route with handle.
func (s *Server) Install(handle func(pattern string, h http.Handler)) {
	routes := []struct {
		pattern string
		h       handlerFunc
	}{
		{"GET /{$}", s.serveHome},
		{"GET /modules", s.serveModules},
		{"GET /m/{path...}", s.serveModulePath},
		{"GET /search", s.serveSearch},
		{"GET /junkcode", s.serveJunkList},
		{"GET /junkcode/{path...}", s.serveJunkPath},
		{"GET /download/{sha}/{file}", s.serveDownload},
		{"GET /feed.atom", s.serveFeed},
		{"GET /static/{file}", s.serveStatic},
		{"GET /api/modules", s.apiModules},
		{"GET /api/module/{name...}", s.apiModule},
		{"GET /api/versions/{name...}", s.apiVersions},
		{"GET /api/search", s.apiSearch},
		{"GET /api/rdeps/{name...}", s.apiReverseDeps},
		{"GET /api/lint/{name...}", s.apiLint},
		{"GET /api/junkcode", s.apiJunk},
		{"GET /api/counts", s.apiCounts},
		{"GET /index/config.json", s.indexConfig},
		{"GET /index/{name...}", s.indexModule},
		{"GET /healthz", s.serveHealth},
		{"GET /metrics", s.serveMetrics},
		{"/", s.serveNotFound},
	}
	for _, rt := range routes {
		handle(rt.pattern, s.route(rt.pattern, rt.h))
	}
}
