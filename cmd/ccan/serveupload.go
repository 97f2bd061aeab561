package main

import (
	"context"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"time"

	"github.com/ccan-archive/ccan/internal/build"
	"github.com/ccan-archive/ccan/internal/buildenv"
	"github.com/ccan-archive/ccan/internal/cli"
	"github.com/ccan-archive/ccan/internal/lint"
	"github.com/ccan-archive/ccan/internal/queue/sqlitequeue"
	"github.com/ccan-archive/ccan/internal/sandbox"
	"github.com/ccan-archive/ccan/internal/store"
	"github.com/ccan-archive/ccan/internal/upload"
)

// uploadsHelp is the part of serve's help about uploads.
const uploadsHelp = `Uploads (/upload, /api/upload, "ccan publish") are checked by a worker
in the server: each upload is extracted, its _info and the whole lint
suite run inside the sandbox (bubblewrap, as root; docs/security.md),
and it is published, stored as junkcode or rejected. When the sandbox
cannot be set up, uploads are refused with that reason while the pages
keep working; --unsafe-local checks them unconfined instead, as the
server's user: only for a single-user machine. --upload-slots checks
that many uploads at once (default one per two cores); --upload-scratch
is where their scratch trees go (not under /tmp, which the sandbox
replaces). Queued uploads survive a restart or a crash: a job whose
worker died is taken up again after --upload-lease.
`

// uploadFlags declares serve's upload flags.
func uploadFlags(fs *flag.FlagSet) {
	fs.Bool("unsafe-local", false, "check uploads without the sandbox (uploaded code runs as you: single-user machines only)")
	fs.Int("upload-slots", 0, "uploads checked at once (default: one per two cores)")
	fs.String("upload-scratch", "/var/tmp/ccan-uploads", "directory for the upload checks' scratch trees")
	fs.Duration("upload-lease", 2*time.Minute, "how long an upload job stays claimed without a heartbeat")
}

// uploadPipeline is serve's upload service, its queue, worker and
// sandbox.
type uploadPipeline struct {
	svc     *upload.Service
	worker  *upload.WorkerConfig // nil when uploads are disabled
	closers []func() error
	log     *slog.Logger
}

// startUploads sets up the pipeline on the data directory d.
func startUploads(ctx context.Context, env *cli.Env, d *archiveData, log *slog.Logger) (_ *uploadPipeline, err error) {
	us, ok := d.Store.(upload.Store)
	if !ok {
		return nil, fmt.Errorf("the store %T cannot hold uploads", d.Store)
	}
	p := &uploadPipeline{log: log}
	defer func() {
		if err != nil {
			p.Close()
		}
	}()
	q, err := sqlitequeue.Open(ctx, filepath.Join(d.Dir, "ccan.db"), sqlitequeue.Options{})
	if err != nil {
		return nil, err
	}
	p.closers = append(p.closers, q.Close)
	slots := env.Int("upload-slots")
	if slots <= 0 {
		slots = max(1, runtime.NumCPU()/2)
	}
	cacheRoot := buildenv.CacheDir(env.Getenv)
	checker := &upload.Checker{Cache: &build.Cache{Dir: filepath.Join(cacheRoot, "upload-build")},
		Jobs: max(1, runtime.NumCPU()/slots), CacheDir: cacheRoot, Tools: &lint.Tools{}}
	disabled := ""
	if env.Bool("unsafe-local") {
		checker.Unconfined = true
		log.Warn("--unsafe-local: uploaded code is checked WITHOUT the sandbox, as this server's user")
	} else {
		sb, err := sandbox.New(sandbox.Config{Slots: slots*checker.Jobs + 2, Hide: []string{d.Dir, cacheRoot}})
		if err != nil {
			disabled = fmt.Sprintf("the sandbox for checking uploaded code is unavailable (%v)", err)
			log.Warn("uploads are refused: "+disabled, "hint", "run as root with bubblewrap installed, or --unsafe-local on a single-user machine")
		} else {
			p.closers = append(p.closers, sb.Close)
			checker.Run, checker.RunKey, checker.Share = sb.Run, sb.Key(), sb.Share
		}
	}
	p.svc = upload.New(upload.Config{Store: us, Blobs: d.Blobs, Queue: q, Owners: d.Store, Disabled: disabled, Log: log})
	if disabled != "" {
		return p, nil
	}
	scratch := env.String("upload-scratch")
	if !filepath.IsAbs(scratch) {
		scratch = filepath.Join(env.Dir, scratch)
	}
	if err := os.MkdirAll(scratch, 0o755); err != nil {
		return nil, err
	}
	if err := os.Chmod(scratch, 0o755); err != nil { // the sandbox's uids must reach their directories
		return nil, err
	}
	p.worker = &upload.WorkerConfig{
		Checker: checker, Slots: slots, Lease: env.Flags.Lookup("upload-lease").Value.(flag.Getter).Get().(time.Duration),
		Scratch: scratch, CrashAt: env.Getenv("CCAN_TEST_CRASH_AT"),
	}
	return p, nil
}

// start runs the worker in the background; onFinish hears of each
// finished upload. The returned function stops it and waits.
func (p *uploadPipeline) start(ctx context.Context, onFinish func(*store.Upload)) (stop func()) {
	if p.worker == nil {
		return func() {}
	}
	cfg := *p.worker
	cfg.OnFinish = onFinish
	w := p.svc.NewWorker(cfg)
	wctx, cancel := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() {
		defer close(done)
		w.Run(wctx)
	}()
	return func() { cancel(); <-done }
}

// Close releases the queue and the sandbox.
func (p *uploadPipeline) Close() error {
	var errs []string
	for i := len(p.closers) - 1; i >= 0; i-- {
		if err := p.closers[i](); err != nil {
			errs = append(errs, err.Error())
		}
	}
	if len(errs) > 0 {
		return fmt.Errorf("closing uploads: %s", strings.Join(errs, "; "))
	}
	return nil
}
