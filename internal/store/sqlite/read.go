package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"time"

	"github.com/ccan-archive/ccan/internal/derrors"
	"github.com/ccan-archive/ccan/internal/store"
)

func msTime(ms int64) time.Time { return time.UnixMilli(ms).UTC() }

// rdepsExpr counts the direct dependents of module alias m.
const rdepsExpr = `m.rdeps`

// summaryCols are the columns scanSummary reads, from modules m and versions v.
const summaryCols = `m.name, v.version, v.created, v.summary, v.license, v.score, v.total, ` + rdepsExpr

func scanSummary(rows interface{ Scan(...any) error }, extra ...any) (*store.ModuleSummary, error) {
	ms := &store.ModuleSummary{}
	var created int64
	var score, total sql.NullInt64
	dest := append([]any{&ms.Name, &ms.Version, &created, &ms.Summary, &ms.License, &score, &total, &ms.ReverseDeps}, extra...)
	if err := rows.Scan(dest...); err != nil {
		return nil, err
	}
	ms.Created = msTime(created)
	ms.Score, ms.Total, ms.Linted = int(score.Int64), int(total.Int64), score.Valid
	return ms, nil
}

// ListModules implements store.Reader.
func (s *Store) ListModules(ctx context.Context) (_ []*store.ModuleSummary, err error) {
	defer derrors.Wrap(&err, "sqlite.ListModules")
	rows, err := s.db.QueryContext(ctx, `SELECT `+summaryCols+`, v.id FROM modules m
		JOIN versions v ON v.id = m.latest_version_id ORDER BY m.name`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []*store.ModuleSummary{}
	byID := map[int64]*store.ModuleSummary{}
	for rows.Next() {
		var vid int64
		ms, err := scanSummary(rows, &vid)
		if err != nil {
			return nil, err
		}
		out = append(out, ms)
		byID[vid] = ms
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	return out, s.latestTarballs(ctx, byID)
}

// latestTarballs fills in the tarballs of the given latest versions.
func (s *Store) latestTarballs(ctx context.Context, byID map[int64]*store.ModuleSummary) error {
	rows, err := s.db.QueryContext(ctx, `SELECT t.version_id, t.kind, t.name, t.sha256, t.size FROM version_tarballs t
		JOIN modules m ON m.latest_version_id = t.version_id ORDER BY t.version_id, `+tarballOrder)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var vid int64
		var tb store.Tarball
		if err := rows.Scan(&vid, &tb.Kind, &tb.Name, &tb.SHA256, &tb.Size); err != nil {
			return err
		}
		if ms := byID[vid]; ms != nil {
			ms.Tarballs = append(ms.Tarballs, tb)
		}
	}
	return rows.Err()
}

// tarballOrder lists a version's tarballs as before bzip2 ones existed
// (with-deps, module), then their .tar.bz2 twins in the same order, so
// that clients reading the list by position keep working.
const tarballOrder = `t.kind LIKE '%` + store.Bzip2Suffix + `', t.kind DESC`

// GetModule implements store.Reader.
func (s *Store) GetModule(ctx context.Context, name, version string) (_ *store.ModuleVersion, err error) {
	defer derrors.Wrap(&err, "sqlite.GetModule(%q, %q)", name, version)
	vid, err := versionID(ctx, s.db, name, version)
	if err != nil {
		return nil, err
	}
	mv := &store.ModuleVersion{Name: name}
	var created int64
	var doc string
	var score, total sql.NullInt64
	err = s.db.QueryRowContext(ctx, `SELECT version, created, content_sha256, summary, license, doc, score, total, yanked
		FROM versions WHERE id = ?`, vid).Scan(&mv.Version, &created, &mv.ContentSHA256, &mv.Summary, &mv.License, &doc, &score, &total, &mv.Yanked)
	if err != nil {
		return nil, err
	}
	mv.Created = msTime(created)
	mv.Score, mv.Total, mv.Linted = int(score.Int64), int(total.Int64), score.Valid
	var d docFields
	if err := json.Unmarshal([]byte(doc), &d); err != nil {
		return nil, err
	}
	mv.Description, mv.Example, mv.LicenseFile = d.Description, d.Example, d.LicenseFile
	mv.Authors, mv.Maintainers, mv.SeeAlso = d.Authors, d.Maintainers, d.SeeAlso
	mv.TestDepends, mv.Libs, mv.Functions, mv.Warnings = d.TestDepends, d.Libs, d.Functions, d.Warnings
	if mv.Depends, err = s.deps(ctx, vid, "direct"); err != nil {
		return nil, err
	}
	if mv.AllDepends, err = s.deps(ctx, vid, "all"); err != nil {
		return nil, err
	}
	if mv.Files, err = s.files(ctx, vid); err != nil {
		return nil, err
	}
	mv.Tarballs, err = s.tarballs(ctx, vid)
	return mv, err
}

func (s *Store) deps(ctx context.Context, vid int64, kind string) ([]string, error) {
	return queryStrings(ctx, s.db, `SELECT dep FROM deps WHERE version_id = ? AND kind = ? ORDER BY pos`, vid, kind)
}

func queryStrings(ctx context.Context, q querier, query string, args ...any) ([]string, error) {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []string{}
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, rows.Err()
}

func (s *Store) files(ctx context.Context, vid int64) ([]*store.File, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT path, kind, size, sha256, link FROM files WHERE version_id = ? ORDER BY pos`, vid)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []*store.File{}
	for rows.Next() {
		f := &store.File{}
		if err := rows.Scan(&f.Path, &f.Kind, &f.Size, &f.SHA256, &f.Link); err != nil {
			return nil, err
		}
		out = append(out, f)
	}
	return out, rows.Err()
}

func (s *Store) tarballs(ctx context.Context, vid int64) ([]store.Tarball, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT t.kind, t.name, t.sha256, t.size FROM version_tarballs t WHERE t.version_id = ? ORDER BY `+tarballOrder, vid)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []store.Tarball{}
	for rows.Next() {
		var tb store.Tarball
		if err := rows.Scan(&tb.Kind, &tb.Name, &tb.SHA256, &tb.Size); err != nil {
			return nil, err
		}
		out = append(out, tb)
	}
	return out, rows.Err()
}

// GetFile implements store.Reader.
func (s *Store) GetFile(ctx context.Context, name, version, path string) (_ *store.File, err error) {
	defer derrors.Wrap(&err, "sqlite.GetFile(%q, %q, %q)", name, version, path)
	if err := store.CheckPath(path); err != nil {
		return nil, err
	}
	vid, err := versionID(ctx, s.db, name, version)
	if err != nil {
		return nil, err
	}
	f := &store.File{}
	err = s.db.QueryRowContext(ctx, `SELECT path, kind, size, sha256, link FROM files WHERE version_id = ? AND path = ?`,
		vid, path).Scan(&f.Path, &f.Kind, &f.Size, &f.SHA256, &f.Link)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, derrors.Errorf(derrors.NotFound, "file %s", path)
	}
	return f, err
}

// Versions implements store.Reader.
func (s *Store) Versions(ctx context.Context, name string) (_ []*store.VersionSummary, err error) {
	defer derrors.Wrap(&err, "sqlite.Versions(%q)", name)
	if _, err := versionID(ctx, s.db, name, ""); err != nil {
		return nil, err
	}
	return s.versionList(ctx, `WHERE m.name = ? ORDER BY v.id DESC`, name)
}

// RecentVersions implements store.Reader.
func (s *Store) RecentVersions(ctx context.Context, limit int) (_ []*store.VersionSummary, err error) {
	defer derrors.Wrap(&err, "sqlite.RecentVersions(%d)", limit)
	return s.versionList(ctx, `ORDER BY v.created DESC, v.id DESC LIMIT ?`, limit)
}

func (s *Store) versionList(ctx context.Context, where string, args ...any) ([]*store.VersionSummary, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT v.id, m.name, v.version, v.created, v.summary, v.yanked
		FROM versions v JOIN modules m ON m.id = v.module_id `+where, args...)
	if err != nil {
		return nil, err
	}
	var out []*store.VersionSummary
	var ids []int64
	for rows.Next() {
		vs := &store.VersionSummary{}
		var id, created int64
		if err := rows.Scan(&id, &vs.Name, &vs.Version, &created, &vs.Summary, &vs.Yanked); err != nil {
			rows.Close()
			return nil, err
		}
		vs.Created = msTime(created)
		out = append(out, vs)
		ids = append(ids, id)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	for i, vs := range out {
		if vs.Depends, err = s.deps(ctx, ids[i], "direct"); err != nil {
			return nil, err
		}
		if vs.Tarballs, err = s.tarballs(ctx, ids[i]); err != nil {
			return nil, err
		}
	}
	if out == nil {
		out = []*store.VersionSummary{}
	}
	return out, nil
}

// ReverseDeps implements store.Reader.
func (s *Store) ReverseDeps(ctx context.Context, name string, all bool) (_ []string, err error) {
	defer derrors.Wrap(&err, "sqlite.ReverseDeps(%q)", name)
	if err := store.CheckModuleName(name); err != nil {
		return nil, err
	}
	kind := "direct"
	if all {
		kind = "all"
	}
	return queryStrings(ctx, s.db, `SELECT m.name FROM deps d JOIN modules m ON m.latest_version_id = d.version_id
		WHERE d.dep = ? AND d.kind = ? ORDER BY m.name`, "ccan/"+name, kind)
}

// Counts implements store.Reader.
func (s *Store) Counts(ctx context.Context) (_ *store.Counts, err error) {
	defer derrors.Wrap(&err, "sqlite.Counts")
	c := &store.Counts{}
	err = s.db.QueryRowContext(ctx, `SELECT
		(SELECT count(*) FROM modules WHERE latest_version_id IS NOT NULL),
		(SELECT count(*) FROM versions),
		(SELECT count(*) FROM files f JOIN modules m ON m.latest_version_id = f.version_id),
		(SELECT count(*) FROM junk),
		(SELECT count(*) FROM versions v JOIN modules m ON m.latest_version_id = v.id WHERE v.score IS NOT NULL)`).
		Scan(&c.Modules, &c.Versions, &c.Files, &c.Junkcode, &c.Linted)
	return c, err
}
