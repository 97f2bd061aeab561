package upload

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/ccan-archive/ccan/internal/archive"
	"github.com/ccan-archive/ccan/internal/derrors"
	"github.com/ccan-archive/ccan/internal/extract"
	"github.com/ccan-archive/ccan/internal/lint/driver"
	"github.com/ccan-archive/ccan/internal/lintstore"
	"github.com/ccan-archive/ccan/internal/module"
	"github.com/ccan-archive/ccan/internal/queue"
	"github.com/ccan-archive/ccan/internal/store"
)

// WorkerConfig configures a Worker.
type WorkerConfig struct {
	Checker *Checker
	// Slots is how many uploads are checked at once (1 when 0).
	Slots int
	// Lease is how long a claimed job stays claimed without a
	// heartbeat (2 minutes when 0); a worker killed mid-job loses its
	// jobs to another after this long. The heartbeat renews it every
	// Lease/3.
	Lease time.Duration
	// Poll is how often an idle slot looks for jobs (1s when 0; a
	// Submit in this process wakes one at once).
	Poll time.Duration
	// JobTimeout bounds one attempt at an upload (30 minutes when 0).
	JobTimeout time.Duration
	// Scratch is the parent of the per-job scratch directories
	// (os.TempDir() when "").
	Scratch string
	// Limits caps extraction (extract.DefaultLimits() when zero).
	Limits extract.Limits
	// MaxScratch and MaxScratchFiles cap what a job's scratch directory
	// may hold while its checks run (DefaultMaxScratch,
	// DefaultMaxScratchFiles when 0); it is measured every ScratchPoll
	// (DefaultScratchPoll when 0), and a job past a cap is stopped and
	// rejected.
	MaxScratch      int64
	MaxScratchFiles int
	ScratchPoll     time.Duration
	// CrashAt is for crash tests only: the worker kills its own
	// process with SIGKILL when it reaches this step ("extracting",
	// "checking", "publishing" (blobs written, transaction not yet),
	// "published" (transaction done, job not yet completed)).
	CrashAt string
	// OnFinish, when non-nil, is called after each upload reaches a
	// final status (the server drops its page cache).
	OnFinish func(*store.Upload)
}

// Worker processes queued uploads.
type Worker struct {
	svc *Service
	cfg WorkerConfig
	log *slog.Logger
	im  *archive.Importer
}

// NewWorker returns a Worker for the Service's uploads.
func (s *Service) NewWorker(cfg WorkerConfig) *Worker {
	if cfg.Slots <= 0 {
		cfg.Slots = 1
	}
	if cfg.Lease <= 0 {
		cfg.Lease = 2 * time.Minute
	}
	if cfg.Poll <= 0 {
		cfg.Poll = time.Second
	}
	if cfg.JobTimeout <= 0 {
		cfg.JobTimeout = 30 * time.Minute
	}
	if cfg.Scratch == "" {
		cfg.Scratch = os.TempDir()
	}
	if cfg.MaxScratch <= 0 {
		cfg.MaxScratch = DefaultMaxScratch
	}
	if cfg.MaxScratchFiles <= 0 {
		cfg.MaxScratchFiles = DefaultMaxScratchFiles
	}
	if cfg.ScratchPoll <= 0 {
		cfg.ScratchPoll = DefaultScratchPoll
	}
	return &Worker{svc: s, cfg: cfg, log: s.log,
		im: &archive.Importer{Blobs: s.cfg.Blobs, Log: s.log}}
}

// Run processes uploads until ctx is done: it first reconciles the
// store with the queue (so that uploads of a crashed run are finished),
// then runs Slots claim loops, reconciling again every minute.
func (w *Worker) Run(ctx context.Context) {
	w.removeStale()
	if err := w.Reconcile(ctx); err != nil && ctx.Err() == nil {
		w.log.Error("reconciling uploads", "err", err)
	}
	var wg sync.WaitGroup
	for range w.cfg.Slots {
		wg.Add(1)
		go func() {
			defer wg.Done()
			w.loop(ctx)
		}()
	}
	tick := time.NewTicker(time.Minute)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			wg.Wait()
			return
		case <-tick.C:
			if err := w.Reconcile(ctx); err != nil && ctx.Err() == nil {
				w.log.Error("reconciling uploads", "err", err)
			}
		}
	}
}

// removeStale deletes scratch directories left by jobs of a killed
// worker: those older than a job may run.
func (w *Worker) removeStale() {
	ents, err := os.ReadDir(w.cfg.Scratch)
	if err != nil {
		return
	}
	for _, e := range ents {
		if !e.IsDir() || !strings.HasPrefix(e.Name(), scratchPrefix) {
			continue
		}
		if fi, err := e.Info(); err == nil && time.Since(fi.ModTime()) > w.cfg.JobTimeout+w.cfg.Lease {
			p := filepath.Join(w.cfg.Scratch, e.Name())
			if err := os.RemoveAll(p); err != nil {
				w.log.Warn("removing a stale scratch directory", "dir", p, "err", err)
			}
		}
	}
}

// scratchPrefix starts the name of every job's scratch directory.
const scratchPrefix = "ccan-upload-"

func (w *Worker) loop(ctx context.Context) {
	timer := time.NewTimer(0)
	defer timer.Stop()
	for {
		did, err := w.RunOnce(ctx)
		if ctx.Err() != nil {
			return
		}
		if err != nil {
			w.log.Error("upload worker", "err", err)
		}
		if did {
			continue
		}
		timer.Reset(w.cfg.Poll)
		select {
		case <-ctx.Done():
			return
		case <-w.svc.wake:
		case <-timer.C:
		}
	}
}

// Reconcile makes sure every unfinished upload has a live job: it
// enqueues those without one (Submit stopped between the record and
// the job) and rejects those whose job died (it failed or crashed the
// worker too often).
func (w *Worker) Reconcile(ctx context.Context) error {
	us, err := w.svc.cfg.Store.UnfinishedUploads(ctx)
	if err != nil {
		return err
	}
	for _, u := range us {
		j, err := w.svc.cfg.Queue.Lookup(ctx, jobKey(u.ID))
		switch {
		case errors.Is(err, derrors.NotFound):
			w.log.Info("re-enqueueing upload", "upload", u.ID)
			_, err = w.svc.enqueue(ctx, u.ID)
		case err != nil:
		case j.State == queue.StateDead || j.State == queue.StateDone:
			err = w.giveUp(ctx, u.ID, j)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// giveUp rejects an upload whose job cannot run any more.
func (w *Worker) giveUp(ctx context.Context, id int64, j *queue.Job) error {
	w.log.Error("giving up on upload", "upload", id, "attempts", j.Attempt, "last_error", j.LastError)
	reason := fmt.Sprintf("internal error: checking failed %d times; the archive's operators have the details", j.Attempt)
	err := w.svc.cfg.Store.RejectUpload(ctx, id, reason)
	if errors.Is(err, derrors.AlreadyExists) {
		return nil // finished meanwhile
	}
	if err == nil {
		w.finished(ctx, id)
	}
	return err
}

// RunOnce claims one job and processes it; it reports whether there
// was one.
func (w *Worker) RunOnce(ctx context.Context) (bool, error) {
	j, err := w.svc.cfg.Queue.Claim(ctx, JobKind, w.cfg.Lease)
	if errors.Is(err, queue.ErrNoJob) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	return true, w.runJob(ctx, j)
}

// runJob processes a claimed job with a heartbeat, then completes,
// fails or releases it.
func (w *Worker) runJob(ctx context.Context, j *queue.Job) error {
	q := w.svc.cfg.Queue
	id, err := strconv.ParseInt(string(j.Payload), 10, 64)
	if err != nil {
		w.log.Error("bad upload job", "key", j.Key, "payload", string(j.Payload))
		return q.Fail(ctx, j, fmt.Errorf("bad payload %q", j.Payload), 0)
	}
	jctx, cancel := context.WithTimeout(ctx, w.cfg.JobTimeout)
	defer cancel()
	lost := make(chan struct{})
	hbDone := make(chan struct{})
	go func() {
		defer close(hbDone)
		t := time.NewTicker(w.cfg.Lease / 3)
		defer t.Stop()
		for {
			select {
			case <-jctx.Done():
				return
			case <-t.C:
				if err := q.Extend(jctx, j, w.cfg.Lease); errors.Is(err, queue.ErrLeaseLost) {
					close(lost)
					cancel()
					return
				} else if err != nil && jctx.Err() == nil {
					w.log.Warn("extending an upload's lease", "upload", id, "err", err)
				}
			}
		}
	}()
	err = w.process(jctx, id, j)
	cancel()
	<-hbDone
	select {
	case <-lost:
		w.log.Warn("lost the lease on an upload; another worker has it", "upload", id)
		return nil
	default:
	}
	bg := context.WithoutCancel(ctx)
	switch {
	case err == nil:
		w.crash("published")
		return q.Complete(bg, j)
	case ctx.Err() != nil:
		// Shutting down: hand the job back for the next start.
		return q.Release(bg, j)
	}
	w.log.Error("checking an upload failed", "upload", id, "attempt", j.Attempt, "err", err)
	if ferr := q.Fail(bg, j, err, time.Duration(j.Attempt)*30*time.Second); ferr != nil {
		return ferr
	}
	if j.State == queue.StateDead {
		return w.giveUp(bg, id, j)
	}
	return nil
}

// crash kills the process at the step named by CrashAt (tests only).
func (w *Worker) crash(step string) {
	if w.cfg.CrashAt == step {
		w.log.Warn("crash test: killing the server", "step", step)
		syscall.Kill(os.Getpid(), syscall.SIGKILL)
		select {} // the signal is on its way
	}
}

func (w *Worker) finished(ctx context.Context, id int64) {
	if w.cfg.OnFinish == nil {
		return
	}
	if u, err := w.svc.cfg.Store.GetUpload(ctx, id); err == nil {
		w.cfg.OnFinish(u)
	}
}

// job is one attempt at one upload.
type job struct {
	w   *Worker
	u   *store.Upload
	ctx context.Context
	dir string // scratch directory
}

// logf appends a line to the upload's log. A failure to log is not a
// reason to stop checking.
func (jb *job) logf(format string, args ...any) {
	jb.appendLog(fmt.Sprintf(format, args...) + "\n")
}

func (jb *job) appendLog(text string) {
	if err := jb.w.svc.cfg.Store.AppendUploadLog(jb.ctx, jb.u.ID, text); err != nil && jb.ctx.Err() == nil {
		jb.w.log.Warn("appending to an upload's log", "upload", jb.u.ID, "err", err)
	}
}

// process runs one attempt at upload id. A nil error means the upload
// is final (now, or already before); an error means the attempt should
// be retried.
func (w *Worker) process(ctx context.Context, id int64, qj *queue.Job) error {
	st := w.svc.cfg.Store
	u, err := st.GetUpload(ctx, id)
	if errors.Is(err, derrors.NotFound) {
		w.log.Warn("job for a missing upload", "upload", id)
		return nil
	}
	if err != nil {
		return err
	}
	if store.UploadFinal(u.Status) {
		return nil // the previous attempt finished it and died before completing the job
	}
	if err := st.StartUploadStep(ctx, id, store.UploadExtracting, true); err != nil {
		return err
	}
	jb := &job{w: w, u: u, ctx: ctx}
	if qj.Attempt > 1 {
		jb.logf("attempt %d: the previous attempt stopped (%s); starting over", qj.Attempt, qj.LastError)
	}
	w.crash(store.UploadExtracting)
	jb.dir, err = os.MkdirTemp(w.cfg.Scratch, fmt.Sprintf("%s%d-", scratchPrefix, id))
	if err != nil {
		return err
	}
	defer os.RemoveAll(jb.dir)
	if jb.dir, err = filepath.EvalSymlinks(jb.dir); err != nil {
		return err
	}
	err = jb.run()
	if err == nil {
		w.log.Info("upload finished", "upload", id)
		w.finished(context.WithoutCancel(ctx), id)
	}
	return err
}

// outcome errors end an upload in a final status; anything else is
// retried.
type outcome struct {
	status string // store.UploadRejected or store.UploadJunkcode
	reason string
}

func (o *outcome) Error() string { return o.status + ": " + o.reason }

func rejected(format string, args ...any) error {
	return &outcome{status: store.UploadRejected, reason: fmt.Sprintf(format, args...)}
}

func (jb *job) run() error {
	src := filepath.Join(jb.dir, "upload")
	if err := os.Mkdir(src, 0o755); err != nil {
		return err
	}
	res, err := jb.extract(src)
	if err != nil {
		return jb.finishEarly(src, err, nil)
	}
	found := findModule(res, jb.u.Files[0].Name)
	if found.Name == "" {
		jb.logf("%s", found.Why)
		return jb.junk(src, "", found.Why, "")
	}
	jb.logf("module: ccan/%s", found.Name)
	for _, n := range found.Nested {
		jb.logf("note: %s holds another module (its own _info); upload it on its own", n)
	}
	if err := jb.checkOwner(found.Name); err != nil {
		return jb.finishEarly(src, err, &found)
	}
	if err := jb.w.svc.cfg.Store.StartUploadStep(jb.ctx, jb.u.ID, store.UploadChecking, false); err != nil {
		return err
	}
	jb.w.crash(store.UploadChecking)
	built, t, err := jb.buildTree(src, found)
	if err != nil {
		return jb.finishEarly(src, err, &found)
	}
	if err := jb.checkVersion(built.Version); err != nil {
		return jb.finishEarly(src, err, &found)
	}
	jb.logf("checking ccan/%s %s", found.Name, built.Version.Version)
	mr, err := jb.lint(t, found.Name)
	var full *scratchFull
	if errors.As(err, &full) {
		jb.logf("%s", full.Error())
		return jb.reject(full.Error())
	}
	if err != nil {
		return err
	}
	tidy(mr, t.Dir, jb.dir)
	rep := report(mr, t.Dir)
	jb.appendLog("\n" + rep)
	if ok, why := publishable(mr); !ok {
		jb.logf("not published: %s", why)
		return jb.junk(src, found.Name, why, rep)
	}
	return jb.publish(src, &found, built, lintstore.Result(mr))
}

// lint runs the checks on module name of tree t while watching the
// job's scratch directory: a *scratchFull error means it grew past its
// caps and the checks were stopped.
func (jb *job) lint(t *module.Tree, name string) (*driver.ModuleResult, error) {
	cfg := jb.w.cfg
	ctx, stop := context.WithCancelCause(jb.ctx)
	defer stop(nil)
	watched := make(chan struct{})
	go func() {
		defer close(watched)
		watchScratch(ctx, jb.dir, cfg.MaxScratch, cfg.MaxScratchFiles, cfg.ScratchPoll, stop)
	}()
	mr, err := cfg.Checker.Lint(ctx, t, name, jb.dir, filepath.Join(jb.dir, "work"), func(r *driver.CheckResult) {
		jb.appendLog(shortPaths(checkLine(r), t.Dir, jb.dir))
	})
	stop(nil)
	<-watched
	var full *scratchFull
	if cause := context.Cause(ctx); errors.As(cause, &full) && jb.ctx.Err() == nil {
		return nil, full
	}
	return mr, err
}

// extract unpacks the upload's blobs into src.
func (jb *job) extract(src string) (*extract.Result, error) {
	ctx, bs := jb.ctx, jb.w.svc.cfg.Blobs
	jb.logf("extracting %s", describe(jb.u))
	var closers []io.Closer
	defer func() {
		for _, c := range closers {
			c.Close()
		}
	}()
	var files []extract.NamedReader
	for _, f := range jb.u.Files {
		obj, err := bs.Get(ctx, f.BlobKey)
		if err != nil {
			return nil, err
		}
		closers = append(closers, obj)
		files = append(files, extract.NamedReader{Name: f.Name, R: obj})
	}
	var res *extract.Result
	var err error
	if len(files) == 1 && Kind(files[0].Name) == "archive" {
		res, err = extract.Extract(ctx, files[0].R, files[0].Name, src, jb.w.cfg.Limits)
	} else {
		res, err = extract.ExtractFiles(ctx, files, src, jb.w.cfg.Limits)
	}
	var xerr *extract.Error
	if errors.As(err, &xerr) {
		return nil, rejected("the upload cannot be unpacked: %v", err)
	}
	if err != nil {
		return nil, err
	}
	jb.logf("extracted %d files (%s)", len(res.Files), res.Format)
	for _, warn := range res.Warnings {
		jb.logf("warning: %s", warn)
	}
	return res, nil
}

// checkOwner rejects early an upload of a name the user may not
// publish (ClaimModule decides for good when publishing).
func (jb *job) checkOwner(name string) error {
	owners := jb.w.svc.cfg.Owners
	if owners == nil {
		return nil
	}
	list, err := owners.ModuleOwners(jb.ctx, name)
	if err != nil {
		return err
	}
	for _, o := range list {
		if o.User == jb.u.User {
			return nil
		}
	}
	if len(list) > 0 {
		return rejected("name ccan/%s is owned by %s", name, list[0].User)
	}
	if _, err := jb.w.svc.cfg.Store.GetModule(jb.ctx, name, ""); err == nil {
		return rejected("name ccan/%s belongs to a module of the archive that has no owner; ask the archive's operators", name)
	} else if !errors.Is(err, derrors.NotFound) {
		return err
	}
	return nil
}

// buildTree assembles the scratch CCAN tree (the module and its stored
// dependencies) and reads the module version to publish from it, before
// any uploaded code runs.
func (jb *job) buildTree(src string, f found) (*archive.Built, *module.Tree, error) {
	dir := filepath.Join(jb.dir, "tree")
	if err := os.MkdirAll(filepath.Join(dir, "ccan"), 0o755); err != nil {
		return nil, nil, err
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, nil, err
	}
	defer root.Close()
	tb := &treeBuilder{src: src, root: root, dir: dir, name: f.Name, log: jb.logf,
		store: jb.w.svc.cfg.Store, blobs: jb.w.svc.cfg.Blobs}
	if err := tb.copyModule(f.Dir); err != nil {
		return nil, nil, err
	}
	t := &module.Tree{Dir: dir}
	deps, err := tb.addDeps(jb.ctx, t)
	if err != nil {
		return nil, nil, err
	}
	if len(deps) > 0 {
		jb.logf("dependencies from the archive: ccan/%s", strings.Join(deps, ", ccan/"))
	}
	built, err := jb.w.im.BuildModule(jb.ctx, t, f.Name)
	if errors.Is(err, derrors.BadModule) || errors.Is(err, derrors.InvalidArgument) {
		return nil, nil, &outcome{status: store.UploadJunkcode, reason: fmt.Sprintf("ccan/%s cannot be read as a module: %v", f.Name, err)}
	}
	if err != nil {
		return nil, nil, err
	}
	for _, warn := range built.Version.Warnings {
		jb.logf("warning: %s", warn)
	}
	return built, t, nil
}

// checkVersion rejects early a version that exists with other content.
func (jb *job) checkVersion(mv *store.ModuleVersion) error {
	old, err := jb.w.svc.cfg.Store.GetModule(jb.ctx, mv.Name, mv.Version)
	if errors.Is(err, derrors.NotFound) {
		return nil
	}
	if err != nil {
		return err
	}
	if old.ContentSHA256 != mv.ContentSHA256 {
		return versionTaken(mv)
	}
	return nil
}

func versionTaken(mv *store.ModuleVersion) error {
	return rejected("ccan/%s version %s is already published with different content; versions never change: give _info a new Version:", mv.Name, mv.Version)
}

// finishEarly turns an outcome error into the upload's final status;
// other errors are returned for a retry.
func (jb *job) finishEarly(src string, err error, f *found) error {
	var o *outcome
	if !errors.As(err, &o) {
		return err
	}
	jb.logf("%s", o.reason)
	if o.status == store.UploadJunkcode {
		name := ""
		if f != nil {
			name = f.Name
		}
		return jb.junk(src, name, o.reason, "")
	}
	return jb.reject(o.reason)
}

func (jb *job) reject(reason string) error {
	jb.w.crash("publishing")
	err := jb.w.svc.cfg.Store.RejectUpload(jb.ctx, jb.u.ID, reason)
	if errors.Is(err, derrors.AlreadyExists) {
		return nil // another attempt finished it
	}
	return err
}

// junk stores the upload's files as a junkcode entry with a report.
func (jb *job) junk(src, module, reason, lintReport string) error {
	what := module
	if what == "" {
		what = stripExt(jb.u.Files[0].Name)
	}
	name := junkName(jb.u.User, strings.ReplaceAll(what, "/", "-"))
	text := fmt.Sprintf("Upload %d by %s: %s\n\nNot published as a module: %s\n", jb.u.ID, jb.u.User, describe(jb.u), reason)
	if lintReport != "" {
		text += "\nLint report:\n\n" + lintReport
	}
	b, err := jb.w.im.BuildJunk(jb.ctx, src, name, map[string][]byte{reportFile(src): []byte(text)})
	if err != nil {
		return err
	}
	if err := jb.w.im.PutBlobs(jb.ctx, b); err != nil {
		return err
	}
	// Logged first: a final upload's log does not change any more. A
	// failed transaction is retried with a fresh log.
	jb.logf("storing as junkcode %s", name)
	jb.w.crash("publishing")
	err = jb.w.svc.cfg.Store.JunkUpload(jb.ctx, jb.u.ID, b.Junk, reason)
	if errors.Is(err, derrors.AlreadyExists) {
		return nil
	}
	return err
}

// reportFile names the report added to a junkcode entry, avoiding the
// upload's own names.
func reportFile(src string) string {
	name := "LINT-REPORT.txt"
	for i := 2; ; i++ {
		if _, err := os.Lstat(filepath.Join(src, name)); errors.Is(err, os.ErrNotExist) {
			return name
		}
		name = fmt.Sprintf("LINT-REPORT-%d.txt", i)
	}
}

// publish claims the name and publishes the version with its score in
// one store transaction.
func (jb *job) publish(src string, f *found, b *archive.Built, lint *store.LintResult) error {
	mv := b.Version
	if owners := jb.w.svc.cfg.Owners; owners != nil {
		err := owners.ClaimModule(jb.ctx, mv.Name, jb.u.UserID)
		if errors.Is(err, derrors.PermissionDenied) {
			if oerr := jb.checkOwner(mv.Name); oerr != nil {
				return jb.finishEarly(src, oerr, f)
			}
			return jb.reject(fmt.Sprintf("name ccan/%s may not be published by %s", mv.Name, jb.u.User))
		}
		if err != nil {
			return err
		}
	}
	if err := jb.w.im.PutBlobs(jb.ctx, b); err != nil {
		return err
	}
	jb.w.crash("publishing")
	v, err := jb.w.svc.cfg.Store.PublishUpload(jb.ctx, jb.u.ID, mv, lint)
	switch {
	case errors.Is(err, derrors.AlreadyExists):
		if u, gerr := jb.w.svc.cfg.Store.GetUpload(jb.ctx, jb.u.ID); gerr == nil && store.UploadFinal(u.Status) {
			return nil // another attempt finished it
		}
		return jb.finishEarly(src, versionTaken(mv), f)
	case err != nil:
		return err
	}
	jb.w.log.Info("published", "module", mv.Name, "version", v, "upload", jb.u.ID)
	return nil
}
