package store

import (
	"context"
	"time"
)

// Upload statuses. An upload moves forward through queued, extracting
// and checking (a retried upload may go back to extracting) and ends in
// exactly one of the final statuses.
const (
	UploadQueued     = "queued"
	UploadExtracting = "extracting"
	UploadChecking   = "checking"
	UploadPublished  = "published" // a new module version (Module, Version)
	UploadJunkcode   = "junkcode"  // stored as junkcode entry Junk
	UploadRejected   = "rejected"  // nothing stored; Reason says why
)

// UploadFinal reports whether status is one an upload never leaves.
func UploadFinal(status string) bool {
	return status == UploadPublished || status == UploadJunkcode || status == UploadRejected
}

// MaxUploadLog bounds an upload's stored log; text appended beyond it
// is dropped and one truncation line is added.
const MaxUploadLog = 256 << 10

// Upload is one uploaded archive or set of files and what became of it.
type Upload struct {
	ID       int64        `json:"id"`
	UserID   int64        `json:"user_id"`
	User     string       `json:"user"` // the uploader's name when it was made
	Files    []UploadFile `json:"files"`
	Created  time.Time    `json:"created"`
	Updated  time.Time    `json:"updated"`
	Status   string       `json:"status"`
	Reason   string       `json:"reason,omitempty"`
	Module   string       `json:"module,omitempty"`  // published: "list", "str/hex"
	Version  string       `json:"version,omitempty"` // published
	Junk     string       `json:"junk,omitempty"`    // junkcode entry name
	Log      string       `json:"log"`               // lint log, appended as the check runs
	Attempts int          `json:"attempts"`          // processing attempts started
}

// UploadFile is one uploaded file, stored as a blob.
type UploadFile struct {
	Name    string `json:"name"` // as the client named it (base name)
	BlobKey string `json:"sha256"`
	Size    int64  `json:"size"`
}

// Uploads stores uploads. Status changes are checked: a final upload
// cannot change any more (derrors.AlreadyExists), and a missing upload
// is derrors.NotFound. Finishing is idempotent in the sense that matters
// for retries: the first finish wins, a second one fails without
// touching anything.
type Uploads interface {
	// CreateUpload stores a new queued upload and sets u.ID, Created,
	// Updated and Status.
	CreateUpload(ctx context.Context, u *Upload) error
	// GetUpload returns one upload with its log.
	GetUpload(ctx context.Context, id int64) (*Upload, error)
	// ListUploads returns a user's newest uploads first, without logs.
	ListUploads(ctx context.Context, userID int64, limit int) ([]*Upload, error)
	// UnfinishedUploads lists the uploads not in a final status, oldest
	// first, without logs (what a restarted worker must finish).
	UnfinishedUploads(ctx context.Context) ([]*Upload, error)
	// StartUploadStep sets a non-final status (extracting, checking).
	// With restart, it also clears the log and counts a new attempt.
	StartUploadStep(ctx context.Context, id int64, status string, restart bool) error
	// AppendUploadLog adds text to the log (bounded by MaxUploadLog).
	AppendUploadLog(ctx context.Context, id int64, text string) error
	// RejectUpload ends an upload as rejected with a reason.
	RejectUpload(ctx context.Context, id int64, reason string) error
	// JunkUpload stores j (as Writer.PutJunk does) and ends the upload
	// as junkcode, in one transaction.
	JunkUpload(ctx context.Context, id int64, j *Junk, reason string) error
	// PublishUpload inserts mv with its lint result (as
	// Writer.InsertModuleVersion and SetLint do) and ends the upload as
	// published, in one transaction: the version is visible exactly
	// when the upload is published. When the module already has a
	// version with mv's content, nothing is inserted and the upload is
	// published as that version (re-uploading is idempotent); a version
	// of the same name with other content is derrors.AlreadyExists and
	// changes nothing. It returns the version the upload ended as.
	PublishUpload(ctx context.Context, id int64, mv *ModuleVersion, lint *LintResult) (version string, err error)
}
