package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"time"

	"github.com/ccan-archive/ccan/internal/archive"
	"github.com/ccan-archive/ccan/internal/cli"
	"github.com/ccan-archive/ccan/internal/clientip"
	"github.com/ccan-archive/ccan/internal/module"
	"github.com/ccan-archive/ccan/internal/server"
	"github.com/ccan-archive/ccan/internal/store"
)

var cmdServe = &cli.Command{
	UsageLine: "serve [--data DIR] [--addr HOST:PORT] [--starter TREE] [--base-url URL] [--trusted-proxy CIDR]... [--dev] [--unsafe-local]",
	Short:     "run the archive web site",
	Long: `
Serve runs the CCAN archive web site: module pages, search, tarball
downloads, Atom feeds, the JSON API under /api/ (see docs/api.md) and the
package index under /index/, plus /healthz and /metrics.

Everything lives in one data directory: --data, else $CCAN_DATA, else
./ccan-data (a SQLite database ccan.db and a blobs/ folder). When the
archive is empty, serve first imports the starter archive: --starter,
else $CCAN_STARTER, else ./modules when it is a CCAN tree (so running
"ccan serve" from the repository root shows a working archive).
"ccan archive import TREE" adds more.

Accounts are on: people register on /register, log in, create API tokens
on /account, yank versions of the modules they own and add maintainers
(docs/guide.md). Passwords are argon2id hashes; sessions and tokens are
stored as hashes only (docs/security.md). Behind https, pass --base-url
https://... so session cookies are marked Secure.

` + uploadsHelp + `
--addr is the listen address (default 127.0.0.1:8080). --base-url is the
site's external URL for feeds and the index (default: the request's
host). --dev re-reads templates and CSS from ./internal/server on every
request. SIGINT or SIGTERM stops the server gracefully.

Behind a reverse proxy (nginx, Caddy), every request comes from the
proxy's address: log-in, register and upload rate limits would then be
shared by all visitors. --trusted-proxy CIDR (repeatable or
comma-separated, else $CCAN_TRUSTED_PROXY; a single address is a /32 or
/128) names the proxies' addresses: for a request from inside those
ranges, the client is the rightmost X-Forwarded-For entry that is not
itself a trusted proxy; a malformed entry falls back to the proxy's
address. Trust only proxies that append to X-Forwarded-For (nginx
$proxy_add_x_forwarded_for, Caddy's default). Without it the header is
ignored.
`,
	SetFlags: func(fs *flag.FlagSet) {
		dataFlags(fs)
		fs.String("addr", "127.0.0.1:8080", "listen address")
		fs.String("starter", "", "tree to import when the archive is empty")
		fs.String("base-url", "", "external URL of the site")
		fs.Var(new(cli.StringsFlag), "trusted-proxy", "take the client address from X-Forwarded-For on requests from reverse proxies in `CIDR` (repeatable, comma-separated; default $CCAN_TRUSTED_PROXY)")
		fs.Bool("dev", false, "re-read templates and static files from ./internal/server")
		fs.Bool("v", false, "log every request")
		fs.Bool("no-lint", false, "do not lint the starter archive after importing it")
		uploadFlags(fs)
	},
	Run: runServe,
}

func runServe(ctx context.Context, env *cli.Env, args []string) error {
	if len(args) != 0 {
		return cli.UsageErrorf("serve takes no arguments")
	}
	proxies, err := trustedProxies(env)
	if err != nil {
		return err
	}
	log := logger(env, true)
	if env.Bool("v") {
		log = slog.New(slog.NewTextHandler(env.Stderr, &slog.HandlerOptions{Level: slog.LevelDebug}))
	}
	if !proxies.IsZero() {
		log.Info("trusting X-Forwarded-For from reverse proxies", "ranges", proxies.String())
	}
	d, err := openData(ctx, dataDir(env))
	if err != nil {
		return err
	}
	defer d.Close()
	t, added, err := importStarter(ctx, env, d, log)
	if err != nil {
		return err
	}
	cfg := server.Config{Store: d.Store, Blobs: d.Blobs, Log: log, BaseURL: env.String("base-url"), Accounts: d.Store,
		TrustedProxies: proxies}
	if env.Bool("dev") {
		cfg.DevDir = filepath.Join(env.Dir, "internal", "server")
		if _, err := os.Stat(filepath.Join(cfg.DevDir, "templates")); err != nil {
			return fmt.Errorf("--dev: %v (run from the repository root)", err)
		}
	}
	up, err := startUploads(ctx, env, d, log)
	if err != nil {
		return err
	}
	defer up.Close()
	cfg.Uploads = up.svc
	srv, err := server.New(cfg)
	if err != nil {
		return err
	}
	// The worker writes through the store: drop cached pages when an
	// upload finishes, so a new version shows at once.
	defer up.start(ctx, func(*store.Upload) { srv.Invalidate() })()
	if len(added) > 0 && !env.Bool("no-lint") {
		// Lint in the background: the site is usable at once and scores
		// appear as each module is checked. Stop before the store closes.
		l, err := newArchiveLinter(env)
		if err != nil {
			return err
		}
		lctx, stop := context.WithCancel(ctx)
		done := make(chan struct{})
		go func() {
			defer close(done)
			// Writing through the server drops its cached pages, so
			// new scores show at once.
			lintAdded(lctx, l, srv.InvalidatingWriter(d.Store), t, added, log)
		}()
		defer func() { stop(); <-done; l.Close() }()
	}
	// Build the in-memory search index now (a few hundred ms for 10,000
	// modules) rather than during the first visitor's search.
	warm := make(chan struct{})
	go func() {
		defer close(warm)
		if _, err := d.Store.Search(ctx, "ccan", 1); err != nil && ctx.Err() == nil {
			log.Warn("warming the search index", "err", err)
		}
	}()
	defer func() { <-warm }()
	return listenAndServe(ctx, env, env.String("addr"), srv, log)
}

// trustedProxies parses --trusted-proxy, else $CCAN_TRUSTED_PROXY; a
// bad range is a usage error.
func trustedProxies(env *cli.Env) (clientip.Proxies, error) {
	values, from := env.StringList("trusted-proxy"), "--trusted-proxy"
	if len(values) == 0 {
		values, from = []string{env.Getenv("CCAN_TRUSTED_PROXY")}, "$CCAN_TRUSTED_PROXY"
	}
	p, err := clientip.ParseProxies(values...)
	if err != nil {
		return p, cli.UsageErrorf("%s: %v", from, err)
	}
	return p, nil
}

// importStarter imports the starter tree into an empty archive and
// returns the tree and the versions it added.
func importStarter(ctx context.Context, env *cli.Env, d *archiveData, log *slog.Logger) (*module.Tree, []string, error) {
	c, err := d.Store.Counts(ctx)
	if err != nil || c.Modules > 0 {
		return nil, nil, err
	}
	dir := env.String("starter")
	if dir == "" {
		dir = env.Getenv("CCAN_STARTER")
	}
	if dir == "" {
		dir = "modules"
		if _, err := os.Stat(filepath.Join(relPath(env, dir), "ccan")); err != nil {
			log.Warn("the archive is empty and no starter tree was found; use ccan archive import TREE", "data", d.Dir)
			return nil, nil, nil
		}
	}
	t, err := module.FindTree(relPath(env, dir))
	if err != nil {
		return nil, nil, fmt.Errorf("starter archive: %w", err)
	}
	im := &archive.Importer{Store: d.Store, Blobs: d.Blobs, Log: log}
	rep, err := im.ImportTree(ctx, t)
	if err != nil {
		return nil, nil, fmt.Errorf("importing the starter archive: %w", err)
	}
	log.Info("imported the starter archive", "tree", t.Dir, "modules", len(rep.Added), "failed", len(rep.Failed), "seconds", rep.Duration.Seconds())
	return t, rep.Added, nil
}

// listenAndServe serves until ctx is done, then shuts down gracefully.
func listenAndServe(ctx context.Context, env *cli.Env, addr string, h http.Handler, log *slog.Logger) error {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	hs := &http.Server{
		Handler:           h,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      5 * time.Minute, // whole-archive downloads on slow links
		IdleTimeout:       2 * time.Minute,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	}
	fmt.Fprintf(env.Stdout, "serving the archive on http://%s/\n", ln.Addr())
	errc := make(chan error, 1)
	go func() { errc <- hs.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	log.Info("shutting down")
	sctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := hs.Shutdown(sctx); err != nil {
		return err
	}
	if err := <-errc; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}
