package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"

	"github.com/ccan-archive/ccan/internal/derrors"
	"github.com/ccan-archive/ccan/internal/store"
)

// GetLint implements store.Reader.
func (s *Store) GetLint(ctx context.Context, name, version string) (_ *store.LintResult, err error) {
	defer derrors.Wrap(&err, "sqlite.GetLint(%q, %q)", name, version)
	vid, err := versionID(ctx, s.db, name, version)
	if err != nil {
		return nil, err
	}
	res := &store.LintResult{Checks: []*store.LintCheck{}}
	var score, total sql.NullInt64
	if err := s.db.QueryRowContext(ctx, `SELECT score, total FROM versions WHERE id = ?`, vid).Scan(&score, &total); err != nil {
		return nil, err
	}
	if !score.Valid {
		return nil, derrors.Errorf(derrors.NotFound, "lint results of ccan/%s", name)
	}
	res.Score, res.Total = int(score.Int64), int(total.Int64)
	rows, err := s.db.QueryContext(ctx, `SELECT key, title, status, score, total, messages FROM lint_results
		WHERE version_id = ? ORDER BY pos`, vid)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		c := &store.LintCheck{}
		var msgs sql.NullString
		if err := rows.Scan(&c.Key, &c.Title, &c.Status, &c.Score, &c.Total, &msgs); err != nil {
			return nil, err
		}
		if msgs.Valid {
			c.Messages = json.RawMessage(msgs.String)
		}
		res.Checks = append(res.Checks, c)
	}
	return res, rows.Err()
}

// ListJunk implements store.Reader.
func (s *Store) ListJunk(ctx context.Context) (_ []*store.Junk, err error) {
	defer derrors.Wrap(&err, "sqlite.ListJunk")
	rows, err := s.db.QueryContext(ctx, `SELECT name, created, files, tarball, tarball_bz2 FROM junk ORDER BY name`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []*store.Junk{}
	for rows.Next() {
		j, err := scanJunk(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, j)
	}
	return out, rows.Err()
}

// GetJunk implements store.Reader.
func (s *Store) GetJunk(ctx context.Context, name string) (_ *store.Junk, err error) {
	defer derrors.Wrap(&err, "sqlite.GetJunk(%q)", name)
	if err := store.CheckJunkName(name); err != nil {
		return nil, err
	}
	j, err := scanJunk(s.db.QueryRowContext(ctx, `SELECT name, created, files, tarball, tarball_bz2 FROM junk WHERE name = ?`, name))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, derrors.Errorf(derrors.NotFound, "junkcode %s", name)
	}
	return j, err
}

func scanJunk(row interface{ Scan(...any) error }) (*store.Junk, error) {
	j := &store.Junk{}
	var created int64
	var files, tb string
	var bz2 sql.NullString
	if err := row.Scan(&j.Name, &created, &files, &tb, &bz2); err != nil {
		return nil, err
	}
	j.Created = msTime(created)
	if err := json.Unmarshal([]byte(files), &j.Files); err != nil {
		return nil, err
	}
	if bz2.Valid {
		if err := json.Unmarshal([]byte(bz2.String), &j.TarballBz2); err != nil {
			return nil, err
		}
	}
	return j, json.Unmarshal([]byte(tb), &j.Tarball)
}

// Archive implements store.Reader.
func (s *Store) Archive(ctx context.Context, kind string) (_ *store.Tarball, err error) {
	defer derrors.Wrap(&err, "sqlite.Archive(%q)", kind)
	tb := &store.Tarball{Kind: kind}
	var created int64
	err = s.db.QueryRowContext(ctx, `SELECT created, name, sha256, size FROM archives WHERE kind = ? ORDER BY id DESC LIMIT 1`, kind).
		Scan(&created, &tb.Name, &tb.SHA256, &tb.Size)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, derrors.Errorf(derrors.NotFound, "archive tarball (%s)", kind)
	}
	tb.Created = msTime(created)
	return tb, err
}
