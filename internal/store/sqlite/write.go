package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"strings"

	"github.com/ccan-archive/ccan/internal/derrors"
	"github.com/ccan-archive/ccan/internal/store"
)

// docFields are the version fields kept as one JSON column.
type docFields struct {
	Description string   `json:"description"`
	Example     string   `json:"example,omitempty"`
	LicenseFile string   `json:"license_file,omitempty"`
	Authors     []string `json:"authors"`
	Maintainers []string `json:"maintainers"`
	SeeAlso     []string `json:"see_also,omitempty"`
	TestDepends []string `json:"testdepends"`
	Libs        []string `json:"libs"`
	Functions   []string `json:"functions"`
	Warnings    []string `json:"warnings,omitempty"`
}

func docOf(mv *store.ModuleVersion) docFields {
	return docFields{
		Description: mv.Description, Example: mv.Example, LicenseFile: mv.LicenseFile,
		Authors: mv.Authors, Maintainers: mv.Maintainers, SeeAlso: mv.SeeAlso,
		TestDepends: mv.TestDepends, Libs: mv.Libs, Functions: mv.Functions, Warnings: mv.Warnings,
	}
}

// InsertModuleVersion implements store.Writer.
func (s *Store) InsertModuleVersion(ctx context.Context, mv *store.ModuleVersion) (err error) {
	defer derrors.Wrap(&err, "sqlite.InsertModuleVersion(%q, %q)", mv.Name, mv.Version)
	if err := store.CheckModuleName(mv.Name); err != nil {
		return err
	}
	if err := store.CheckVersion(mv.Version); err != nil {
		return err
	}
	return s.tx(ctx, func(tx *sql.Tx) error {
		_, err := insertModuleVersion(ctx, tx, mv)
		return err
	})
}

// insertModuleVersion is InsertModuleVersion inside tx; it returns the
// new version's row id.
func insertModuleVersion(ctx context.Context, tx *sql.Tx, mv *store.ModuleVersion) (int64, error) {
	mid, err := upsertModule(ctx, tx, mv.Name)
	if err != nil {
		return 0, err
	}
	vid, err := insertVersion(ctx, tx, mid, mv)
	if err != nil {
		return 0, err
	}
	if err := insertChildren(ctx, tx, vid, mv); err != nil {
		return 0, err
	}
	old, err := directDeps(ctx, tx, mid)
	if err != nil {
		return 0, err
	}
	if _, err := tx.ExecContext(ctx, `UPDATE modules SET latest_version_id = ? WHERE id = ?`, vid, mid); err != nil {
		return 0, err
	}
	if err := updateRdeps(ctx, tx, append(append(old, mv.Depends...), "ccan/"+mv.Name)); err != nil {
		return 0, err
	}
	return vid, indexModule(ctx, tx, mid, mv)
}

// directDeps returns the direct dependencies of a module's latest version.
func directDeps(ctx context.Context, tx *sql.Tx, mid int64) ([]string, error) {
	rows, err := tx.QueryContext(ctx, `SELECT d.dep FROM deps d JOIN modules m ON m.latest_version_id = d.version_id
		WHERE m.id = ? AND d.kind = 'direct'`, mid)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var d string
		if err := rows.Scan(&d); err != nil {
			return nil, err
		}
		out = append(out, d)
	}
	return out, rows.Err()
}

// updateRdeps recounts the reverse dependencies of the named modules
// ("ccan/x"; other names are ignored).
func updateRdeps(ctx context.Context, tx *sql.Tx, deps []string) error {
	for _, d := range deps {
		name, ok := strings.CutPrefix(d, "ccan/")
		if !ok {
			continue
		}
		_, err := tx.ExecContext(ctx, `UPDATE modules SET rdeps = (
			SELECT count(*) FROM deps d JOIN modules m2 ON m2.latest_version_id = d.version_id
			WHERE d.dep = ? AND d.kind = 'direct') WHERE name = ?`, d, name)
		if err != nil {
			return err
		}
	}
	return nil
}

func upsertModule(ctx context.Context, tx *sql.Tx, name string) (int64, error) {
	var id int64
	err := tx.QueryRowContext(ctx, `INSERT INTO modules(name) VALUES (?)
		ON CONFLICT(name) DO UPDATE SET name = excluded.name RETURNING id`, name).Scan(&id)
	return id, err
}

func insertVersion(ctx context.Context, tx *sql.Tx, mid int64, mv *store.ModuleVersion) (int64, error) {
	var exists int
	err := tx.QueryRowContext(ctx, `SELECT count(*) FROM versions WHERE module_id = ? AND version = ?`, mid, mv.Version).Scan(&exists)
	if err != nil {
		return 0, err
	}
	if exists > 0 {
		return 0, derrors.Errorf(derrors.AlreadyExists, "ccan/%s version %s", mv.Name, mv.Version)
	}
	doc, err := json.Marshal(docOf(mv))
	if err != nil {
		return 0, err
	}
	res, err := tx.ExecContext(ctx, `INSERT INTO versions(module_id, version, created, content_sha256, summary, license, doc)
		VALUES (?, ?, ?, ?, ?, ?, ?)`, mid, mv.Version, mv.Created.UnixMilli(), mv.ContentSHA256, mv.Summary, mv.License, string(doc))
	if err != nil {
		return 0, err
	}
	return res.LastInsertId()
}

func insertChildren(ctx context.Context, tx *sql.Tx, vid int64, mv *store.ModuleVersion) error {
	for kind, deps := range map[string][]string{"direct": mv.Depends, "all": mv.AllDepends} {
		for i, d := range deps {
			if _, err := tx.ExecContext(ctx, `INSERT INTO deps(version_id, kind, pos, dep) VALUES (?, ?, ?, ?)`, vid, kind, i, d); err != nil {
				return err
			}
		}
	}
	for i, f := range mv.Files {
		if err := store.CheckPath(f.Path); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO files(version_id, pos, path, kind, size, sha256, link) VALUES (?, ?, ?, ?, ?, ?, ?)`,
			vid, i, f.Path, f.Kind, f.Size, f.SHA256, f.Link)
		if err != nil {
			return err
		}
	}
	for _, tb := range mv.Tarballs {
		_, err := tx.ExecContext(ctx, `INSERT INTO version_tarballs(version_id, kind, name, sha256, size) VALUES (?, ?, ?, ?, ?)`,
			vid, tb.Kind, tb.Name, tb.SHA256, tb.Size)
		if err != nil {
			return err
		}
	}
	return nil
}

// indexModule replaces the module's search text (search_text, read by
// Search's index) with mv's.
func indexModule(ctx context.Context, tx *sql.Tx, mid int64, mv *store.ModuleVersion) error {
	_, err := tx.ExecContext(ctx, `INSERT OR REPLACE INTO search_text(module_id, name, summary, body, functions) VALUES (?, ?, ?, ?, ?)`,
		mid, mv.Name, mv.Summary, mv.Description+"\n"+mv.Example, strings.Join(mv.Functions, " "))
	return err
}

// versionID finds a version's row id (version "" = latest).
func versionID(ctx context.Context, q querier, name, version string) (int64, error) {
	if err := store.CheckModuleName(name); err != nil {
		return 0, err
	}
	var row *sql.Row
	if version == "" {
		row = q.QueryRowContext(ctx, `SELECT latest_version_id FROM modules WHERE name = ?`, name)
	} else {
		if err := store.CheckVersion(version); err != nil {
			return 0, err
		}
		row = q.QueryRowContext(ctx, `SELECT v.id FROM versions v JOIN modules m ON m.id = v.module_id
			WHERE m.name = ? AND v.version = ?`, name, version)
	}
	var id sql.NullInt64
	err := row.Scan(&id)
	if errors.Is(err, sql.ErrNoRows) || err == nil && !id.Valid {
		if version == "" {
			return 0, derrors.Errorf(derrors.NotFound, "module ccan/%s", name)
		}
		return 0, derrors.Errorf(derrors.NotFound, "module ccan/%s version %s", name, version)
	}
	return id.Int64, err
}

// querier is what *sql.DB and *sql.Tx share.
type querier interface {
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

// SetLint implements store.Writer.
func (s *Store) SetLint(ctx context.Context, name, version string, res *store.LintResult) (err error) {
	defer derrors.Wrap(&err, "sqlite.SetLint(%q, %q)", name, version)
	return s.tx(ctx, func(tx *sql.Tx) error {
		vid, err := versionID(ctx, tx, name, version)
		if err != nil {
			return err
		}
		return setLint(ctx, tx, vid, res)
	})
}

// setLint is SetLint inside tx, for the version with row id vid.
func setLint(ctx context.Context, tx *sql.Tx, vid int64, res *store.LintResult) error {
	if _, err := tx.ExecContext(ctx, `DELETE FROM lint_results WHERE version_id = ?`, vid); err != nil {
		return err
	}
	for i, c := range res.Checks {
		var msgs any
		if len(c.Messages) > 0 {
			msgs = string(c.Messages)
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO lint_results(version_id, pos, key, title, status, score, total, messages)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, vid, i, c.Key, c.Title, c.Status, c.Score, c.Total, msgs)
		if err != nil {
			return err
		}
	}
	_, err := tx.ExecContext(ctx, `UPDATE versions SET score = ?, total = ? WHERE id = ?`, res.Score, res.Total, vid)
	return err
}

// PutJunk implements store.Writer.
func (s *Store) PutJunk(ctx context.Context, j *store.Junk) (err error) {
	defer derrors.Wrap(&err, "sqlite.PutJunk(%q)", j.Name)
	return putJunk(ctx, s.db, j)
}

// putJunk is PutJunk through db or a transaction.
func putJunk(ctx context.Context, db interface {
	ExecContext(context.Context, string, ...any) (sql.Result, error)
}, j *store.Junk) error {
	if err := store.CheckJunkName(j.Name); err != nil {
		return err
	}
	files, err := json.Marshal(j.Files)
	if err != nil {
		return err
	}
	tb, err := json.Marshal(j.Tarball)
	if err != nil {
		return err
	}
	var bz2 any // NULL without one
	if j.TarballBz2 != nil {
		b, err := json.Marshal(j.TarballBz2)
		if err != nil {
			return err
		}
		bz2 = string(b)
	}
	_, err = db.ExecContext(ctx, `INSERT INTO junk(name, created, files, tarball, tarball_bz2) VALUES (?, ?, ?, ?, ?)
		ON CONFLICT(name) DO UPDATE SET created = excluded.created, files = excluded.files, tarball = excluded.tarball,
			tarball_bz2 = excluded.tarball_bz2`,
		j.Name, j.Created.UnixMilli(), string(files), string(tb), bz2)
	return err
}

// SetArchive implements store.Writer.
func (s *Store) SetArchive(ctx context.Context, tb *store.Tarball) (err error) {
	defer derrors.Wrap(&err, "sqlite.SetArchive")
	kind := tb.Kind
	switch kind {
	case "":
		kind = store.TarballArchive
	case store.TarballArchive, store.TarballArchiveBz2:
	default:
		return derrors.Errorf(derrors.InvalidArgument, "archive tarball kind %q", tb.Kind)
	}
	_, err = s.db.ExecContext(ctx, `INSERT INTO archives(created, kind, name, sha256, size) VALUES (?, ?, ?, ?, ?)`,
		tb.Created.UnixMilli(), kind, tb.Name, tb.SHA256, tb.Size)
	return err
}
