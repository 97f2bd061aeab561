package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/ccan-archive/ccan/internal/derrors"
	"github.com/ccan-archive/ccan/internal/store"
)

var _ store.Uploads = (*Store)(nil)

// uploadCols are the columns scanUpload reads (the log is added by
// GetUpload only: lists stay small).
const uploadCols = `id, user_id, user_name, files, created, updated, status, reason, module, version, junk, attempts`

func scanUpload(row interface{ Scan(...any) error }, extra ...any) (*store.Upload, error) {
	u := &store.Upload{}
	var files string
	var created, updated int64
	dest := append([]any{&u.ID, &u.UserID, &u.User, &files, &created, &updated, &u.Status, &u.Reason,
		&u.Module, &u.Version, &u.Junk, &u.Attempts}, extra...)
	if err := row.Scan(dest...); err != nil {
		return nil, err
	}
	u.Created, u.Updated = msTime(created), msTime(updated)
	return u, json.Unmarshal([]byte(files), &u.Files)
}

func nowMS() int64 { return time.Now().UnixMilli() }

// CreateUpload implements store.Uploads.
func (s *Store) CreateUpload(ctx context.Context, u *store.Upload) (err error) {
	defer derrors.Wrap(&err, "sqlite.CreateUpload")
	if len(u.Files) == 0 {
		return derrors.Errorf(derrors.InvalidArgument, "an upload needs at least one file")
	}
	files, err := json.Marshal(u.Files)
	if err != nil {
		return err
	}
	now := nowMS()
	err = s.db.QueryRowContext(ctx, `INSERT INTO uploads(user_id, user_name, files, created, updated, status)
		VALUES (?, ?, ?, ?, ?, ?) RETURNING id`, u.UserID, u.User, string(files), now, now, store.UploadQueued).Scan(&u.ID)
	if err != nil {
		return err
	}
	u.Created, u.Updated, u.Status = msTime(now), msTime(now), store.UploadQueued
	return nil
}

// GetUpload implements store.Uploads.
func (s *Store) GetUpload(ctx context.Context, id int64) (_ *store.Upload, err error) {
	defer derrors.Wrap(&err, "sqlite.GetUpload(%d)", id)
	var log string
	u, err := scanUpload(s.db.QueryRowContext(ctx, `SELECT `+uploadCols+`, log FROM uploads WHERE id = ?`, id), &log)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, derrors.Errorf(derrors.NotFound, "upload %d", id)
	}
	if err != nil {
		return nil, err
	}
	u.Log = log
	return u, nil
}

// ListUploads implements store.Uploads.
func (s *Store) ListUploads(ctx context.Context, userID int64, limit int) (_ []*store.Upload, err error) {
	defer derrors.Wrap(&err, "sqlite.ListUploads(%d)", userID)
	return s.listUploads(ctx, `SELECT `+uploadCols+` FROM uploads WHERE user_id = ? ORDER BY id DESC LIMIT ?`, userID, limit)
}

// UnfinishedUploads implements store.Uploads.
func (s *Store) UnfinishedUploads(ctx context.Context) (_ []*store.Upload, err error) {
	defer derrors.Wrap(&err, "sqlite.UnfinishedUploads")
	return s.listUploads(ctx, `SELECT `+uploadCols+` FROM uploads
		WHERE status IN ('queued', 'extracting', 'checking') ORDER BY id`)
}

func (s *Store) listUploads(ctx context.Context, query string, args ...any) ([]*store.Upload, error) {
	rows, err := s.db.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []*store.Upload{}
	for rows.Next() {
		u, err := scanUpload(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, u)
	}
	return out, rows.Err()
}

// unfinished checks, inside tx, that upload id exists and is not final.
func unfinished(ctx context.Context, tx *sql.Tx, id int64) error {
	var status string
	err := tx.QueryRowContext(ctx, `SELECT status FROM uploads WHERE id = ?`, id).Scan(&status)
	if errors.Is(err, sql.ErrNoRows) {
		return derrors.Errorf(derrors.NotFound, "upload %d", id)
	}
	if err != nil {
		return err
	}
	if store.UploadFinal(status) {
		return derrors.Errorf(derrors.AlreadyExists, "upload %d is already %s", id, status)
	}
	return nil
}

// StartUploadStep implements store.Uploads.
func (s *Store) StartUploadStep(ctx context.Context, id int64, status string, restart bool) (err error) {
	defer derrors.Wrap(&err, "sqlite.StartUploadStep(%d, %q)", id, status)
	if status != store.UploadExtracting && status != store.UploadChecking && status != store.UploadQueued {
		return derrors.Errorf(derrors.InvalidArgument, "%q is not a step", status)
	}
	return s.tx(ctx, func(tx *sql.Tx) error {
		if err := unfinished(ctx, tx, id); err != nil {
			return err
		}
		q := `UPDATE uploads SET status = ?, updated = ? WHERE id = ?`
		if restart {
			q = `UPDATE uploads SET status = ?, updated = ?, log = '', attempts = attempts + 1 WHERE id = ?`
		}
		_, err := tx.ExecContext(ctx, q, status, nowMS(), id)
		return err
	})
}

// truncatedLine ends a log that reached store.MaxUploadLog.
const truncatedLine = "\n[log truncated]\n"

// AppendUploadLog implements store.Uploads.
func (s *Store) AppendUploadLog(ctx context.Context, id int64, text string) (err error) {
	defer derrors.Wrap(&err, "sqlite.AppendUploadLog(%d)", id)
	return s.tx(ctx, func(tx *sql.Tx) error {
		if err := unfinished(ctx, tx, id); err != nil {
			return err
		}
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT length(CAST(log AS BLOB)) FROM uploads WHERE id = ?`, id).Scan(&n); err != nil {
			return err
		}
		room := store.MaxUploadLog - len(truncatedLine) - n
		switch {
		case room < 0:
			return nil // already truncated
		case len(text) > room:
			text = validPrefix(text, room) + truncatedLine
		}
		_, err := tx.ExecContext(ctx, `UPDATE uploads SET log = log || ?, updated = ? WHERE id = ?`, text, nowMS(), id)
		return err
	})
}

// validPrefix returns at most n bytes of s, not splitting a UTF-8
// sequence.
func validPrefix(s string, n int) string {
	if n >= len(s) {
		return s
	}
	for n > 0 && n < len(s) && s[n]&0xC0 == 0x80 {
		n--
	}
	return s[:n]
}

// finish ends upload id with a final status inside tx.
func finish(ctx context.Context, tx *sql.Tx, id int64, status, reason, module, version, junk string) error {
	if err := unfinished(ctx, tx, id); err != nil {
		return err
	}
	_, err := tx.ExecContext(ctx, `UPDATE uploads SET status = ?, reason = ?, module = ?, version = ?, junk = ?, updated = ?
		WHERE id = ?`, status, reason, module, version, junk, nowMS(), id)
	return err
}

// RejectUpload implements store.Uploads.
func (s *Store) RejectUpload(ctx context.Context, id int64, reason string) (err error) {
	defer derrors.Wrap(&err, "sqlite.RejectUpload(%d)", id)
	return s.tx(ctx, func(tx *sql.Tx) error {
		return finish(ctx, tx, id, store.UploadRejected, reason, "", "", "")
	})
}

// JunkUpload implements store.Uploads.
func (s *Store) JunkUpload(ctx context.Context, id int64, j *store.Junk, reason string) (err error) {
	defer derrors.Wrap(&err, "sqlite.JunkUpload(%d, %q)", id, j.Name)
	return s.tx(ctx, func(tx *sql.Tx) error {
		if err := finish(ctx, tx, id, store.UploadJunkcode, reason, "", "", j.Name); err != nil {
			return err
		}
		return putJunk(ctx, tx, j)
	})
}

// PublishUpload implements store.Uploads.
func (s *Store) PublishUpload(ctx context.Context, id int64, mv *store.ModuleVersion, lint *store.LintResult) (version string, err error) {
	defer derrors.Wrap(&err, "sqlite.PublishUpload(%d, %q, %q)", id, mv.Name, mv.Version)
	if err := store.CheckModuleName(mv.Name); err != nil {
		return "", err
	}
	if err := store.CheckVersion(mv.Version); err != nil {
		return "", err
	}
	err = s.tx(ctx, func(tx *sql.Tx) error {
		if err := unfinished(ctx, tx, id); err != nil {
			return err
		}
		// Same content as a stored version: publish as that one.
		err := tx.QueryRowContext(ctx, `SELECT v.version FROM versions v JOIN modules m ON m.id = v.module_id
			WHERE m.name = ? AND v.content_sha256 = ? ORDER BY v.id DESC LIMIT 1`, mv.Name, mv.ContentSHA256).Scan(&version)
		if err == nil {
			return finish(ctx, tx, id, store.UploadPublished,
				fmt.Sprintf("identical to the published ccan/%s %s", mv.Name, version), mv.Name, version, "")
		}
		if !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		vid, err := insertModuleVersion(ctx, tx, mv)
		if err != nil {
			return err
		}
		if lint != nil {
			if err := setLint(ctx, tx, vid, lint); err != nil {
				return err
			}
		}
		version = mv.Version
		return finish(ctx, tx, id, store.UploadPublished, "", mv.Name, mv.Version, "")
	})
	if err != nil {
		return "", err
	}
	return version, nil
}
