package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"slices"
	"strings"
	"time"

	"github.com/ccan-archive/ccan/internal/derrors"
	"github.com/ccan-archive/ccan/internal/store"
)

var _ store.Accounts = (*Store)(nil)

// isUnique reports whether err is a UNIQUE or PRIMARY KEY violation.
func isUnique(err error) bool {
	return err != nil && strings.Contains(err.Error(), "UNIQUE constraint failed")
}

func fromNull(ms sql.NullInt64) time.Time {
	if !ms.Valid {
		return time.Time{}
	}
	return msTime(ms.Int64)
}

// CreateUser implements store.Users.
func (s *Store) CreateUser(ctx context.Context, name, email, passwordHash string) (_ *store.User, err error) {
	defer derrors.Wrap(&err, "sqlite.CreateUser(%q)", name)
	if err := store.CheckUserName(name); err != nil {
		return nil, err
	}
	if err := store.CheckEmail(email); err != nil {
		return nil, err
	}
	if passwordHash == "" {
		return nil, derrors.Errorf(derrors.InvalidArgument, "empty password hash")
	}
	u := &store.User{Name: name, Email: email, Created: time.Now().UTC().Truncate(time.Millisecond)}
	err = s.tx(ctx, func(tx *sql.Tx) error {
		var names, emails int
		err := tx.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM users WHERE name = ?), (SELECT count(*) FROM users WHERE email = ?)`,
			name, email).Scan(&names, &emails)
		switch {
		case err != nil:
			return err
		case names > 0:
			return derrors.Errorf(derrors.AlreadyExists, "user name %q is taken", name)
		case emails > 0:
			return derrors.Errorf(derrors.AlreadyExists, "email %q is already registered", email)
		}
		return tx.QueryRowContext(ctx, `INSERT INTO users(name, email, password, created) VALUES (?, ?, ?, ?) RETURNING id`,
			name, email, passwordHash, u.Created.UnixMilli()).Scan(&u.ID)
	})
	if isUnique(err) {
		return nil, derrors.Errorf(derrors.AlreadyExists, "user %q or email %q", name, email)
	}
	return u, err
}

const userCols = `u.id, u.name, u.email, u.created`

func scanUser(row interface{ Scan(...any) error }, extra ...any) (*store.User, error) {
	u := &store.User{}
	var created int64
	if err := row.Scan(append([]any{&u.ID, &u.Name, &u.Email, &created}, extra...)...); err != nil {
		return nil, err
	}
	u.Created = msTime(created)
	return u, nil
}

// GetUser implements store.Users.
func (s *Store) GetUser(ctx context.Context, name string) (_ *store.User, err error) {
	defer derrors.Wrap(&err, "sqlite.GetUser(%q)", name)
	u, err := scanUser(s.db.QueryRowContext(ctx, `SELECT `+userCols+` FROM users u WHERE u.name = ?`, name))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, derrors.Errorf(derrors.NotFound, "user %.40q", name)
	}
	return u, err
}

// UserByID implements store.Users.
func (s *Store) UserByID(ctx context.Context, id int64) (_ *store.User, err error) {
	defer derrors.Wrap(&err, "sqlite.UserByID(%d)", id)
	u, err := scanUser(s.db.QueryRowContext(ctx, `SELECT `+userCols+` FROM users u WHERE u.id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, derrors.Errorf(derrors.NotFound, "user %d", id)
	}
	return u, err
}

// UserCredentials implements store.Users.
func (s *Store) UserCredentials(ctx context.Context, login string) (_ *store.User, _ string, err error) {
	defer derrors.Wrap(&err, "sqlite.UserCredentials")
	var hash string
	u, err := scanUser(s.db.QueryRowContext(ctx, `SELECT `+userCols+`, u.password FROM users u
		WHERE u.name = lower(?1) OR u.email = ?1`, login), &hash)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, "", derrors.Errorf(derrors.NotFound, "user %.40q", login)
	}
	return u, hash, err
}

// SetPasswordHash implements store.Users.
func (s *Store) SetPasswordHash(ctx context.Context, userID int64, passwordHash string) (err error) {
	defer derrors.Wrap(&err, "sqlite.SetPasswordHash(%d)", userID)
	res, err := s.db.ExecContext(ctx, `UPDATE users SET password = ? WHERE id = ?`, passwordHash, userID)
	return mustAffect(res, err, "user %d", userID)
}

// mustAffect turns "no row changed" into NotFound.
func mustAffect(res sql.Result, err error, format string, args ...any) error {
	if err != nil {
		return err
	}
	n, err := res.RowsAffected()
	if err == nil && n == 0 {
		err = derrors.Errorf(derrors.NotFound, format, args...)
	}
	return err
}

// CreateSession implements store.Sessions.
func (s *Store) CreateSession(ctx context.Context, idHash []byte, userID int64, expires time.Time) (err error) {
	defer derrors.Wrap(&err, "sqlite.CreateSession(user %d)", userID)
	_, err = s.db.ExecContext(ctx, `INSERT INTO sessions(id_hash, user_id, created, expires) VALUES (?, ?, ?, ?)`,
		idHash, userID, time.Now().UnixMilli(), expires.UnixMilli())
	if isUnique(err) {
		return derrors.Errorf(derrors.AlreadyExists, "session")
	}
	return err
}

// GetSession implements store.Sessions.
func (s *Store) GetSession(ctx context.Context, idHash []byte) (_ *store.Session, err error) {
	defer derrors.Wrap(&err, "sqlite.GetSession")
	var created, expires int64
	u, err := scanUser(s.db.QueryRowContext(ctx, `SELECT `+userCols+`, s.created, s.expires
		FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.id_hash = ?`, idHash), &created, &expires)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, derrors.Errorf(derrors.NotFound, "session")
	}
	if err != nil {
		return nil, err
	}
	return &store.Session{User: u, Created: msTime(created), Expires: msTime(expires)}, nil
}

// DeleteSession implements store.Sessions.
func (s *Store) DeleteSession(ctx context.Context, idHash []byte) (err error) {
	defer derrors.Wrap(&err, "sqlite.DeleteSession")
	_, err = s.db.ExecContext(ctx, `DELETE FROM sessions WHERE id_hash = ?`, idHash)
	return err
}

// DeleteExpiredSessions implements store.Sessions.
func (s *Store) DeleteExpiredSessions(ctx context.Context, now time.Time) (err error) {
	defer derrors.Wrap(&err, "sqlite.DeleteExpiredSessions")
	_, err = s.db.ExecContext(ctx, `DELETE FROM sessions WHERE expires <= ?`, now.UnixMilli())
	return err
}

// CreateToken implements store.Tokens.
func (s *Store) CreateToken(ctx context.Context, t *store.Token, secretHash []byte) (err error) {
	defer derrors.Wrap(&err, "sqlite.CreateToken(%q)", t.Name)
	if err := store.CheckToken(t); err != nil {
		return err
	}
	if len(secretHash) == 0 {
		return derrors.Errorf(derrors.InvalidArgument, "empty token hash")
	}
	scopes := slices.Clone(t.Scopes)
	slices.Sort(scopes)
	scopes = slices.Compact(scopes)
	created := time.Now().UTC().Truncate(time.Millisecond)
	err = s.db.QueryRowContext(ctx, `INSERT INTO tokens(user_id, name, prefix, hash, scopes, created, expires)
		VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id`, t.UserID, t.Name, t.Prefix, secretHash,
		strings.Join(scopes, " "), created.UnixMilli(), t.Expires.UnixMilli()).Scan(&t.ID)
	if isUnique(err) {
		return derrors.Errorf(derrors.AlreadyExists, "token prefix %q", t.Prefix)
	}
	if err != nil {
		return err
	}
	t.Scopes, t.Created, t.Expires = scopes, created, t.Expires.UTC().Truncate(time.Millisecond)
	return nil
}

const tokenCols = `id, user_id, name, prefix, scopes, created, expires, last_used, revoked`

func scanToken(row interface{ Scan(...any) error }, extra ...any) (*store.Token, error) {
	t := &store.Token{}
	var scopes string
	var created, expires int64
	var used, revoked sql.NullInt64
	dest := append([]any{&t.ID, &t.UserID, &t.Name, &t.Prefix, &scopes, &created, &expires, &used, &revoked}, extra...)
	if err := row.Scan(dest...); err != nil {
		return nil, err
	}
	t.Scopes = strings.Fields(scopes)
	t.Created, t.Expires = msTime(created), msTime(expires)
	t.LastUsed, t.Revoked = fromNull(used), fromNull(revoked)
	return t, nil
}

// TokenByPrefix implements store.Tokens.
func (s *Store) TokenByPrefix(ctx context.Context, prefix string) (_ *store.Token, _ []byte, err error) {
	defer derrors.Wrap(&err, "sqlite.TokenByPrefix(%.40q)", prefix)
	var hash []byte
	t, err := scanToken(s.db.QueryRowContext(ctx, `SELECT `+tokenCols+`, hash FROM tokens WHERE prefix = ?`, prefix), &hash)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil, derrors.Errorf(derrors.NotFound, "token")
	}
	return t, hash, err
}

// TouchToken implements store.Tokens.
func (s *Store) TouchToken(ctx context.Context, id int64, when time.Time) (err error) {
	defer derrors.Wrap(&err, "sqlite.TouchToken(%d)", id)
	res, err := s.db.ExecContext(ctx, `UPDATE tokens SET last_used = ? WHERE id = ?`, when.UnixMilli(), id)
	return mustAffect(res, err, "token %d", id)
}

// ListTokens implements store.Tokens.
func (s *Store) ListTokens(ctx context.Context, userID int64) (_ []*store.Token, err error) {
	defer derrors.Wrap(&err, "sqlite.ListTokens(%d)", userID)
	rows, err := s.db.QueryContext(ctx, `SELECT `+tokenCols+` FROM tokens WHERE user_id = ? ORDER BY id DESC`, userID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []*store.Token{}
	for rows.Next() {
		t, err := scanToken(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, t)
	}
	return out, rows.Err()
}

// RevokeToken implements store.Tokens.
func (s *Store) RevokeToken(ctx context.Context, userID, tokenID int64, when time.Time) (err error) {
	defer derrors.Wrap(&err, "sqlite.RevokeToken(%d)", tokenID)
	res, err := s.db.ExecContext(ctx, `UPDATE tokens SET revoked = coalesce(revoked, ?) WHERE id = ? AND user_id = ?`,
		when.UnixMilli(), tokenID, userID)
	return mustAffect(res, err, "token %d", tokenID)
}

// ModuleOwners implements store.Owners.
func (s *Store) ModuleOwners(ctx context.Context, name string) (_ []store.Owner, err error) {
	defer derrors.Wrap(&err, "sqlite.ModuleOwners(%q)", name)
	if err := store.CheckModuleName(name); err != nil {
		return nil, err
	}
	return moduleOwners(ctx, s.db, name)
}

func moduleOwners(ctx context.Context, q querier, name string) ([]store.Owner, error) {
	rows, err := q.QueryContext(ctx, `SELECT u.name, o.role FROM module_owners o JOIN users u ON u.id = o.user_id
		WHERE o.module = ? ORDER BY o.role = 'maintainer', u.name`, name)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []store.Owner{}
	for rows.Next() {
		var o store.Owner
		if err := rows.Scan(&o.User, &o.Role); err != nil {
			return nil, err
		}
		out = append(out, o)
	}
	return out, rows.Err()
}

// ClaimModule implements store.Owners. The transaction starts
// IMMEDIATE (see Open), so two first claims of one name are serialised
// and the second sees the first's owner; the partial unique index
// module_one_owner backs this up.
func (s *Store) ClaimModule(ctx context.Context, name string, userID int64) (err error) {
	defer derrors.Wrap(&err, "sqlite.ClaimModule(%q, user %d)", name, userID)
	if err := store.CheckModuleName(name); err != nil {
		return err
	}
	err = s.tx(ctx, func(tx *sql.Tx) error {
		if role, err := roleOf(ctx, tx, name, userID); err != nil || role != "" {
			return err
		}
		if err := claimable(ctx, tx, name); err != nil {
			return err
		}
		// A nested name (str/hex) lives inside its parent's directory:
		// only the parent's owners may start one.
		if parent, _, nested := strings.Cut(name, "/"); nested {
			if role, err := roleOf(ctx, tx, parent, userID); err != nil || role != "" {
				return err
			}
			if err := claimable(ctx, tx, parent); err != nil {
				return err
			}
		}
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM users WHERE id = ?`, userID).Scan(&n); err != nil {
			return err
		}
		if n == 0 {
			return derrors.Errorf(derrors.NotFound, "user %d", userID)
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO module_owners(module, user_id, role, created) VALUES (?, ?, 'owner', ?)`,
			name, userID, time.Now().UnixMilli())
		return err
	})
	if isUnique(err) {
		return derrors.Errorf(derrors.PermissionDenied, "ccan/%s was claimed by another user", name)
	}
	return err
}

// roleOf returns userID's role for name, or "".
func roleOf(ctx context.Context, q querier, name string, userID int64) (string, error) {
	var role string
	err := q.QueryRowContext(ctx, `SELECT role FROM module_owners WHERE module = ? AND user_id = ?`, name, userID).Scan(&role)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	return role, err
}

// claimable returns PermissionDenied when name has an owner (who is not
// the caller: roleOf was checked first) or versions without an owner.
func claimable(ctx context.Context, q querier, name string) error {
	var owners, versions int
	err := q.QueryRowContext(ctx, `SELECT
		(SELECT count(*) FROM module_owners WHERE module = ?1),
		(SELECT count(*) FROM versions v JOIN modules m ON m.id = v.module_id WHERE m.name = ?1)`, name).Scan(&owners, &versions)
	switch {
	case err != nil:
		return err
	case owners > 0:
		return derrors.Errorf(derrors.PermissionDenied, "ccan/%s belongs to another user; its owner can add you as a maintainer", name)
	case versions > 0:
		return derrors.Errorf(derrors.PermissionDenied, "ccan/%s was imported by the archive's operator and has no owner", name)
	}
	return nil
}

// AddMaintainer implements store.Owners.
func (s *Store) AddMaintainer(ctx context.Context, name string, byUserID int64, newUser string) (err error) {
	defer derrors.Wrap(&err, "sqlite.AddMaintainer(%q, %q)", name, newUser)
	if err := store.CheckModuleName(name); err != nil {
		return err
	}
	return s.tx(ctx, func(tx *sql.Tx) error {
		role, err := roleOf(ctx, tx, name, byUserID)
		if err != nil {
			return err
		}
		if role != store.RoleOwner {
			return derrors.Errorf(derrors.PermissionDenied, "only the owner of ccan/%s can add maintainers", name)
		}
		var uid int64
		err = tx.QueryRowContext(ctx, `SELECT id FROM users WHERE name = ?`, newUser).Scan(&uid)
		if errors.Is(err, sql.ErrNoRows) {
			return derrors.Errorf(derrors.NotFound, "user %.40q", newUser)
		}
		if err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `INSERT INTO module_owners(module, user_id, role, created) VALUES (?, ?, 'maintainer', ?)
			ON CONFLICT(module, user_id) DO NOTHING`, name, uid, time.Now().UnixMilli())
		return err
	})
}

// RemoveMaintainer implements store.Owners: the checks and the delete
// run in one transaction, so a concurrent change of owners cannot slip
// between them.
func (s *Store) RemoveMaintainer(ctx context.Context, name string, byUserID int64, user string) (err error) {
	defer derrors.Wrap(&err, "sqlite.RemoveMaintainer(%q, %q)", name, user)
	if err := store.CheckModuleName(name); err != nil {
		return err
	}
	return s.tx(ctx, func(tx *sql.Tx) error {
		byRole, err := roleOf(ctx, tx, name, byUserID)
		if err != nil {
			return err
		}
		if byRole == "" {
			return derrors.Errorf(derrors.PermissionDenied, "only the owner of ccan/%s, or a maintainer stepping down, can remove maintainers", name)
		}
		var uid int64
		err = tx.QueryRowContext(ctx, `SELECT id FROM users WHERE name = ?`, user).Scan(&uid)
		if errors.Is(err, sql.ErrNoRows) {
			return derrors.Errorf(derrors.NotFound, "user %.40q", user)
		}
		if err != nil {
			return err
		}
		if byRole != store.RoleOwner && uid != byUserID {
			return derrors.Errorf(derrors.PermissionDenied, "a maintainer of ccan/%s can remove only themself; only the owner can remove others", name)
		}
		role, err := roleOf(ctx, tx, name, uid)
		switch {
		case err != nil:
			return err
		case role == "":
			return derrors.Errorf(derrors.NotFound, "%s is not a maintainer of ccan/%s", user, name)
		case role == store.RoleOwner:
			return derrors.Errorf(derrors.InvalidArgument, "%s owns ccan/%s: the owner cannot be removed, only co-maintainers", user, name)
		}
		_, err = tx.ExecContext(ctx, `DELETE FROM module_owners WHERE module = ? AND user_id = ? AND role = 'maintainer'`, name, uid)
		return err
	})
}

// SetYanked implements store.Yanker: it flags the version, then points
// the module's latest_version_id at its newest unyanked version (the
// newest of all when every one is yanked), keeping the reverse
// dependency counts and the search row in step, so that every reader
// of "latest" skips yanked versions without knowing about them.
func (s *Store) SetYanked(ctx context.Context, name, version string, yanked bool) (err error) {
	defer derrors.Wrap(&err, "sqlite.SetYanked(%q, %q, %v)", name, version, yanked)
	if version == "" {
		return derrors.Errorf(derrors.InvalidArgument, "yanking needs an exact version")
	}
	return s.tx(ctx, func(tx *sql.Tx) error {
		vid, err := versionID(ctx, tx, name, version)
		if err != nil {
			return err
		}
		var mid int64
		if err := tx.QueryRowContext(ctx, `UPDATE versions SET yanked = ? WHERE id = ? RETURNING module_id`, yanked, vid).Scan(&mid); err != nil {
			return err
		}
		return resolveLatest(ctx, tx, mid, name)
	})
}

// resolveLatest re-chooses a module's latest version after a yank.
func resolveLatest(ctx context.Context, tx *sql.Tx, mid int64, name string) error {
	var cur sql.NullInt64
	var want int64
	err := tx.QueryRowContext(ctx, `SELECT (SELECT latest_version_id FROM modules WHERE id = ?1),
		(SELECT id FROM versions WHERE module_id = ?1 ORDER BY yanked, id DESC LIMIT 1)`, mid).Scan(&cur, &want)
	if err != nil || cur.Valid && cur.Int64 == want {
		return err
	}
	old, err := directDeps(ctx, tx, mid)
	if err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `UPDATE modules SET latest_version_id = ? WHERE id = ?`, want, mid); err != nil {
		return err
	}
	now, err := directDeps(ctx, tx, mid)
	if err != nil {
		return err
	}
	if err := updateRdeps(ctx, tx, append(append(old, now...), "ccan/"+name)); err != nil {
		return err
	}
	mv := &store.ModuleVersion{Name: name}
	var doc string
	if err := tx.QueryRowContext(ctx, `SELECT summary, doc FROM versions WHERE id = ?`, want).Scan(&mv.Summary, &doc); err != nil {
		return err
	}
	var d docFields
	if err := json.Unmarshal([]byte(doc), &d); err != nil {
		return err
	}
	mv.Description, mv.Example, mv.Functions = d.Description, d.Example, d.Functions
	return indexModule(ctx, tx, mid, mv)
}
