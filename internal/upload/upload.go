// Package upload is the upload pipeline: Service.Submit stores an
// upload durably and queues it; a Worker extracts it, checks it (the
// module's _info and the whole lint suite, through a sandboxed runner)
// and publishes it as a new module version, stores it as junkcode, or
// rejects it.
//
// Durable state: the upload's bytes are blobs (stored first), its
// record (store.Uploads) says how far it got, and a queue.Queue job
// (key "upload/ID") hands it to a worker. Submit writes the record
// before the job; a crash between the two leaves a queued record with
// no job, which Worker.Reconcile (run at start and every minute)
// enqueues. The queue needs no transaction shared with the store, so a
// PostgreSQL queue can replace the embedded one without changing this.
//
// A job runs from the start on every attempt, in a fresh scratch
// directory, and ends with exactly one store transaction (PublishUpload,
// JunkUpload or RejectUpload) that writes the outcome and the upload's
// final status together. Blobs of the outcome are written before that
// transaction; they are content-addressed and invisible until a row
// refers to them. So a worker killed at any point leaves either no
// outcome (the job is claimed again when its lease runs out and redone)
// or the whole outcome (the rerun sees a final upload and stops).
package upload

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"path"
	"strconv"
	"strings"

	"github.com/ccan-archive/ccan/internal/blob"
	"github.com/ccan-archive/ccan/internal/derrors"
	"github.com/ccan-archive/ccan/internal/queue"
	"github.com/ccan-archive/ccan/internal/store"
)

// JobKind is the queue kind of upload jobs.
const JobKind = "upload"

// Store is what the pipeline reads and writes.
type Store interface {
	store.Reader
	store.Uploads
}

// Limits of one upload.
const (
	DefaultMaxBytes = 64 << 20 // all files of one upload together
	MaxFiles        = 100      // single .c/.h files in one upload
)

// Config is what a Service needs.
type Config struct {
	Store Store
	Blobs blob.Store
	Queue queue.Queue
	// Owners decides who may publish a module name (nil: anyone may,
	// which only tests want).
	Owners store.Owners
	// Disabled, when not "", refuses every upload with this reason
	// (the sandbox is unavailable); reading statuses keeps working.
	Disabled string
	// MaxBytes caps an upload's total size (DefaultMaxBytes when 0).
	MaxBytes int64
	Log      *slog.Logger // slog.Default() when nil
}

// Service accepts uploads and reports on them.
type Service struct {
	cfg  Config
	log  *slog.Logger
	wake chan struct{} // nudges the worker after a submit
}

// New returns a Service.
func New(cfg Config) *Service {
	if cfg.Log == nil {
		cfg.Log = slog.Default()
	}
	if cfg.MaxBytes <= 0 {
		cfg.MaxBytes = DefaultMaxBytes
	}
	return &Service{cfg: cfg, log: cfg.Log, wake: make(chan struct{}, 1)}
}

// MaxBytes is the upload size cap, for readers to enforce while reading.
func (s *Service) MaxBytes() int64 { return s.cfg.MaxBytes }

// Disabled returns why uploads are refused, or "".
func (s *Service) Disabled() string { return s.cfg.Disabled }

// File is one uploaded file.
type File struct {
	Name string // as the client named it; only the base name is kept
	R    io.Reader
}

// archiveExts are the archive formats accepted, longest first.
var archiveExts = []string{".tar.gz", ".tar.bz2", ".tgz", ".tbz2", ".tar", ".zip"}

// Kind says whether name is an archive ("archive"), a single C file
// ("file") or neither ("").
func Kind(name string) string {
	lower := strings.ToLower(name)
	for _, ext := range archiveExts {
		if strings.HasSuffix(lower, ext) {
			return "archive"
		}
	}
	if strings.HasSuffix(lower, ".c") || strings.HasSuffix(lower, ".h") {
		return "file"
	}
	return ""
}

// baseName drops any directory part of a client's file name.
func baseName(name string) string {
	if i := strings.LastIndexAny(name, `/\`); i >= 0 {
		name = name[i+1:]
	}
	return name
}

// checkFiles validates an upload's file names: one archive, or one or
// more .c/.h files.
func checkFiles(files []File) error {
	if len(files) == 0 {
		return derrors.Errorf(derrors.InvalidArgument, "no file uploaded")
	}
	if len(files) > MaxFiles {
		return derrors.Errorf(derrors.InvalidArgument, "%d files: at most %d in one upload", len(files), MaxFiles)
	}
	seen := map[string]bool{}
	for _, f := range files {
		name := baseName(f.Name)
		if name == "" || len(name) > 255 || strings.ContainsAny(name, "\x00\n\r") {
			return derrors.Errorf(derrors.InvalidArgument, "bad file name %q", f.Name)
		}
		switch Kind(name) {
		case "archive":
			if len(files) > 1 {
				return derrors.Errorf(derrors.InvalidArgument, "%s: upload an archive on its own, not with other files", name)
			}
		case "file":
		default:
			return derrors.Errorf(derrors.InvalidArgument,
				"%s: want a .tar.gz, .tgz, .tar.bz2, .zip archive or .c/.h files", name)
		}
		if seen[name] {
			return derrors.Errorf(derrors.InvalidArgument, "two files named %s", name)
		}
		seen[name] = true
	}
	return nil
}

// Submit stores an upload by user (userID, userName) and queues it for
// checking; it returns the queued upload at once. Errors:
// InvalidArgument (bad names), TooLarge (over MaxBytes), Unavailable
// (uploads disabled). Rate limits are the caller's (the web server
// limits per address and account).
func (s *Service) Submit(ctx context.Context, userID int64, userName string, files []File) (_ *store.Upload, err error) {
	defer derrors.Wrap(&err, "upload.Submit")
	if s.cfg.Disabled != "" {
		return nil, derrors.Errorf(derrors.Unavailable, "uploads are disabled: %s", s.cfg.Disabled)
	}
	if err := checkFiles(files); err != nil {
		return nil, err
	}
	u := &store.Upload{UserID: userID, User: userName}
	left := s.cfg.MaxBytes
	for _, f := range files {
		// The bytes go to the blob store first: once the record exists,
		// they are there to be processed.
		lr := &limitReader{r: f.R, left: left}
		info, err := s.cfg.Blobs.Put(ctx, lr)
		if lr.over {
			return nil, derrors.Errorf(derrors.TooLarge, "the upload is larger than %d bytes", s.cfg.MaxBytes)
		}
		if err != nil {
			return nil, err
		}
		left -= info.Size
		u.Files = append(u.Files, store.UploadFile{Name: baseName(f.Name), BlobKey: info.Key, Size: info.Size})
	}
	if err := s.cfg.Store.CreateUpload(ctx, u); err != nil {
		return nil, err
	}
	if _, err := s.enqueue(ctx, u.ID); err != nil {
		// The record is queued; Reconcile will enqueue it.
		s.log.Warn("enqueueing upload failed; the worker will pick it up", "upload", u.ID, "err", err)
	}
	select {
	case s.wake <- struct{}{}:
	default:
	}
	s.log.Info("upload queued", "upload", u.ID, "user", userName, "files", len(u.Files))
	return u, nil
}

func (s *Service) enqueue(ctx context.Context, id int64) (*queue.Job, error) {
	return s.cfg.Queue.Enqueue(ctx, queue.NewJob{Kind: JobKind, Key: jobKey(id), Payload: []byte(strconv.FormatInt(id, 10))})
}

func jobKey(id int64) string { return "upload/" + strconv.FormatInt(id, 10) }

// Status returns an upload with its log.
func (s *Service) Status(ctx context.Context, id int64) (*store.Upload, error) {
	return s.cfg.Store.GetUpload(ctx, id)
}

// List returns a user's newest uploads.
func (s *Service) List(ctx context.Context, userID int64, limit int) ([]*store.Upload, error) {
	return s.cfg.Store.ListUploads(ctx, userID, limit)
}

// limitReader reads at most left bytes and notes an attempt to read
// more (a plain io.LimitReader would silently cut the upload).
type limitReader struct {
	r    io.Reader
	left int64
	over bool
}

var errTooLarge = errors.New("upload too large")

func (l *limitReader) Read(p []byte) (int, error) {
	if l.left <= 0 {
		var one [1]byte
		n, err := l.r.Read(one[:])
		if n > 0 {
			l.over = true
			return 0, errTooLarge
		}
		return 0, err
	}
	if int64(len(p)) > l.left {
		p = p[:l.left]
	}
	n, err := l.r.Read(p)
	l.left -= int64(n)
	return n, err
}

// junkName makes a junkcode entry name "<user>-<what>", keeping only
// the characters junkcode names allow.
func junkName(user, what string) string {
	clean := func(s string) string {
		s = strings.Map(func(r rune) rune {
			switch {
			case 'a' <= r && r <= 'z', 'A' <= r && r <= 'Z', '0' <= r && r <= '9', strings.ContainsRune("_-+@", r):
				return r
			}
			return '_'
		}, s)
		return strings.Trim(s, "_-+")
	}
	u, w := clean(user), clean(what)
	if u == "" {
		u = "user"
	}
	if w == "" {
		w = "upload"
	}
	name := u + "-" + w
	if len(name) > store.MaxNameLen {
		name = name[:store.MaxNameLen]
	}
	return name
}

// stripExt removes an upload extension from a file name.
func stripExt(name string) string {
	lower := strings.ToLower(name)
	for _, ext := range append(archiveExts, ".c", ".h") {
		if strings.HasSuffix(lower, ext) {
			return name[:len(name)-len(ext)]
		}
	}
	return strings.TrimSuffix(name, path.Ext(name))
}

// describe is a short text for an upload's files, for logs.
func describe(u *store.Upload) string {
	names := make([]string, len(u.Files))
	for i, f := range u.Files {
		names[i] = f.Name
	}
	return fmt.Sprintf("%s (%d bytes)", strings.Join(names, ", "), totalSize(u))
}

func totalSize(u *store.Upload) int64 {
	var n int64
	for _, f := range u.Files {
		n += f.Size
	}
	return n
}
