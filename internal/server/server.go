// Package server is the archive web site behind "ccan serve": HTML
// pages, Atom feeds, a JSON API under /api/, a static package index
// under /index/ (what "ccan get" reads), tarball downloads, /healthz and
// /metrics.
//
// The server reads only through store.Reader and blob.Store, so it does
// not know which database it runs on (after pkgsite's DataSource);
// accounts, tokens, ownership and yanks go through store.Accounts when
// Config.Accounts is set (auth.go, account.go, owners.go).
// Handlers return errors; serveError maps them to a status through
// derrors.HTTPStatus, the one table. Templates and CSS are embedded;
// with Config.DevDir they are re-read from disk on every request.
package server

import (
	"log/slog"
	"net/http"
	"time"

	"github.com/ccan-archive/ccan/internal/blob"
	"github.com/ccan-archive/ccan/internal/clientip"
	"github.com/ccan-archive/ccan/internal/store"
	"github.com/ccan-archive/ccan/internal/upload"
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
	// Accounts, when set, turns on accounts, API tokens, module
	// ownership and yanking (nil: their pages answer 404).
	Accounts store.Accounts
	// Uploads, when set with Accounts, turns on /upload and
	// /api/upload (nil: they answer 404).
	Uploads *upload.Service
	// Auth tunes accounts (password cost, session length, rate limits).
	Auth AuthConfig
	// TrustedProxies are the reverse proxies whose X-Forwarded-For
	// names the client (clientip.Proxies.Client); the zero value trusts
	// none, and the client is the direct peer.
	TrustedProxies clientip.Proxies
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
	acct      *accounts  // nil when Config.Accounts is
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
	s := &Server{cfg: cfg, log: cfg.Log, hl: newHighlighter(), metrics: newMetrics(), acct: newAccounts(cfg)}
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
	s.handler = s.middleware(s.crossOrigin(mux))
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
		{"GET /register", s.serveRegister},
		{"POST /register", s.postRegister},
		{"GET /login", s.serveLogin},
		{"POST /login", s.postLogin},
		{"POST /logout", s.postLogout},
		{"GET /account", s.serveAccount},
		{"POST /account/tokens", s.postToken},
		{"POST /account/tokens/{id}/revoke", s.postRevoke},
		{"POST /m/{path...}", s.postModulePath},
		{"POST /api/yank", s.apiYank},
		{"GET /api/owners/{name...}", s.apiOwners},
		{"GET /upload", s.serveUploadForm},
		{"POST /upload", s.postUpload},
		{"GET /upload/{id}", s.serveUploadStatus},
		{"POST /api/upload", s.apiUpload},
		{"GET /api/upload/{id}", s.apiUploadStatus},
		{"GET /healthz", s.serveHealth},
		{"GET /metrics", s.serveMetrics},
		{"/", s.serveNotFound},
	}
	for _, rt := range routes {
		handle(rt.pattern, s.route(rt.pattern, rt.h))
	}
}
