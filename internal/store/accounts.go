package store

// Accounts: users, their sessions and API tokens, module ownership and
// yanking. The store keeps only what is safe to leak from a stolen
// database: password hashes (argon2id, encoded by internal/auth),
// SHA-256 hashes of session ids and token secrets. Hashing, comparing
// and expiry checks are internal/auth's job; the store saves and finds.
//
// Errors: a taken user name or email is derrors.AlreadyExists; a
// missing user, session, token, module or version is derrors.NotFound;
// a bad name, email or scope is derrors.InvalidArgument; ownership
// refusals are derrors.PermissionDenied.

import (
	"context"
	"slices"
	"strings"
	"time"

	"github.com/ccan-archive/ccan/internal/derrors"
)

// Accounts is everything account-related a backend stores. It is
// composed of small interfaces (after athens' Backend) so that code
// which needs only one part, and tests, can say so.
type Accounts interface {
	Users
	Sessions
	Tokens
	Owners
	Yanker
}

// Users stores accounts and their password hashes.
type Users interface {
	// CreateUser adds a user with its encoded password hash; a taken
	// name or email (compared case-insensitively) is AlreadyExists.
	CreateUser(ctx context.Context, name, email, passwordHash string) (*User, error)
	// GetUser returns a user by name.
	GetUser(ctx context.Context, name string) (*User, error)
	// UserByID returns a user by id.
	UserByID(ctx context.Context, id int64) (*User, error)
	// UserCredentials returns the user whose name or email is login,
	// with its password hash, for logging in.
	UserCredentials(ctx context.Context, login string) (*User, string, error)
	// SetPasswordHash replaces a user's password hash (a rehash with
	// stronger parameters, or a password change).
	SetPasswordHash(ctx context.Context, userID int64, passwordHash string) error
}

// Sessions stores browser sessions under the SHA-256 of their id.
type Sessions interface {
	// CreateSession records a session for userID until expires.
	CreateSession(ctx context.Context, idHash []byte, userID int64, expires time.Time) error
	// GetSession returns a session with its user; expired sessions are
	// returned too (the caller checks Expires).
	GetSession(ctx context.Context, idHash []byte) (*Session, error)
	// DeleteSession ends a session (logging out); a missing one is not
	// an error.
	DeleteSession(ctx context.Context, idHash []byte) error
	// DeleteExpiredSessions removes the sessions that expired before now.
	DeleteExpiredSessions(ctx context.Context, now time.Time) error
}

// Tokens stores API tokens: a public prefix to find a token by, and the
// SHA-256 of its secret, never the secret.
type Tokens interface {
	// CreateToken stores t (UserID, Name, Prefix, Scopes, Expires) with
	// its secret's hash, filling in t.ID and t.Created. A taken prefix
	// is AlreadyExists (the caller draws another).
	CreateToken(ctx context.Context, t *Token, secretHash []byte) error
	// TokenByPrefix returns the token with this public prefix and its
	// secret's hash, revoked and expired ones included (the caller
	// refuses them).
	TokenByPrefix(ctx context.Context, prefix string) (*Token, []byte, error)
	// TouchToken records a use of the token at when.
	TouchToken(ctx context.Context, id int64, when time.Time) error
	// ListTokens returns a user's tokens, newest first.
	ListTokens(ctx context.Context, userID int64) ([]*Token, error)
	// RevokeToken revokes one of userID's tokens at when; a token of
	// another user is NotFound. Revoking twice keeps the first time.
	RevokeToken(ctx context.Context, userID, tokenID int64, when time.Time) error
}

// Owners stores who may publish and yank a module name.
type Owners interface {
	// ModuleOwners lists a module's owner, then its co-maintainers by
	// name; empty when nobody owns the name.
	ModuleOwners(ctx context.Context, name string) ([]Owner, error)
	// ClaimModule is called before publishing name as userID. It
	// returns nil when userID is the name's owner or a maintainer, or
	// when the name has no owner and no versions yet: then userID
	// becomes its owner, atomically (of two racing first claims, one
	// wins). Otherwise it returns PermissionDenied, also for a name
	// that has versions (imported by the archive's operator) but no
	// owner: uploads must not take over imported modules.
	ClaimModule(ctx context.Context, name string, userID int64) error
	// AddMaintainer makes newUser a co-maintainer of name. Only the
	// owner (byUserID) may: anyone else gets PermissionDenied. An
	// unknown newUser is NotFound; adding an existing maintainer (or
	// the owner) again is a no-op.
	AddMaintainer(ctx context.Context, name string, byUserID int64, newUser string) error
	// RemoveMaintainer takes user's co-maintainership of name away.
	// The owner (byUserID) may remove any co-maintainer, and a
	// co-maintainer may remove themself (step down); anyone else,
	// including a co-maintainer naming somebody else, gets
	// PermissionDenied. The owner cannot be removed this way
	// (InvalidArgument). An unknown user, or one who does not maintain
	// name, is NotFound. A removed maintainer may no longer publish
	// (ClaimModule) or yank name.
	RemoveMaintainer(ctx context.Context, name string, byUserID int64, user string) error
}

// Yanker hides versions from resolution.
type Yanker interface {
	// SetYanked marks a version yanked (or not). A yanked version is
	// still served by its exact version, but "latest" (GetModule with
	// version "", ListModules, Search, ReverseDeps) skips it unless
	// every version of the module is yanked. Authorization is the
	// caller's job (see ModuleOwners).
	SetYanked(ctx context.Context, name, version string, yanked bool) error
}

// User is an account.
type User struct {
	ID      int64     `json:"id"`
	Name    string    `json:"name"`
	Email   string    `json:"email"`
	Created time.Time `json:"created"`
}

// Session is a logged-in browser session.
type Session struct {
	User    *User
	Created time.Time
	Expires time.Time
}

// Token scopes.
const (
	ScopePublish = "publish" // upload new versions
	ScopeYank    = "yank"    // yank and unyank versions
)

// Scopes lists the valid token scopes.
func Scopes() []string { return []string{ScopePublish, ScopeYank} }

// Token is an API token's metadata (never its secret).
type Token struct {
	ID       int64     `json:"id"`
	UserID   int64     `json:"-"`
	Name     string    `json:"name"`
	Prefix   string    `json:"prefix"` // public: shown in lists, used for lookup
	Scopes   []string  `json:"scopes"`
	Created  time.Time `json:"created"`
	Expires  time.Time `json:"expires"`
	LastUsed time.Time `json:"last_used,omitzero"` // zero: never used
	Revoked  time.Time `json:"revoked,omitzero"`   // zero: not revoked
}

// HasScope reports whether t carries scope.
func (t *Token) HasScope(scope string) bool { return slices.Contains(t.Scopes, scope) }

// Active reports whether t may be used at now: not revoked, not expired.
func (t *Token) Active(now time.Time) bool { return t.Revoked.IsZero() && now.Before(t.Expires) }

// Ownership roles.
const (
	RoleOwner      = "owner"
	RoleMaintainer = "maintainer"
)

// Owner is one person allowed to publish and yank a module.
type Owner struct {
	User string `json:"user"`
	Role string `json:"role"` // RoleOwner or RoleMaintainer
}

// Limits on account fields.
const (
	MaxUserNameLen  = 32
	MaxEmailLen     = 254
	MaxTokenNameLen = 64
)

// CheckUserName returns derrors.InvalidArgument unless name is a valid
// user name: 2 to 32 lowercase ASCII letters, digits, '-' and '_',
// starting with a letter.
func CheckUserName(name string) error {
	if len(name) < 2 || len(name) > MaxUserNameLen || name[0] < 'a' || name[0] > 'z' {
		return derrors.Errorf(derrors.InvalidArgument, "user name %.40q: want 2 to %d characters, starting with a lowercase letter", name, MaxUserNameLen)
	}
	for i := 0; i < len(name); i++ {
		c := name[i]
		if !('a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '-' || c == '_') {
			return derrors.Errorf(derrors.InvalidArgument, "user name %.40q: only lowercase letters, digits, '-' and '_'", name)
		}
	}
	return nil
}

// CheckEmail returns derrors.InvalidArgument unless email looks like an
// address: one '@' with text on both sides, a dot in the domain, no
// spaces or control characters, at most 254 bytes.
func CheckEmail(email string) error {
	local, domain, ok := strings.Cut(email, "@")
	if !ok || local == "" || len(email) > MaxEmailLen || strings.Contains(domain, "@") ||
		!strings.Contains(strings.Trim(domain, "."), ".") || strings.ContainsFunc(email, func(r rune) bool { return r <= ' ' || r == 0x7f }) {
		return derrors.Errorf(derrors.InvalidArgument, "email %.80q does not look like an address", email)
	}
	return nil
}

// CheckToken returns derrors.InvalidArgument for an unusable token
// record: an empty or overlong name, no scopes, an unknown scope.
func CheckToken(t *Token) error {
	if strings.TrimSpace(t.Name) == "" || len(t.Name) > MaxTokenNameLen || strings.ContainsFunc(t.Name, func(r rune) bool { return r < ' ' || r == 0x7f }) {
		return derrors.Errorf(derrors.InvalidArgument, "token name %.80q: want 1 to %d printable characters", t.Name, MaxTokenNameLen)
	}
	if len(t.Scopes) == 0 {
		return derrors.Errorf(derrors.InvalidArgument, "token %q: no scopes", t.Name)
	}
	for _, s := range t.Scopes {
		if !slices.Contains(Scopes(), s) {
			return derrors.Errorf(derrors.InvalidArgument, "token scope %.40q: want one of %s", s, strings.Join(Scopes(), ", "))
		}
	}
	if t.Prefix == "" || len(t.Prefix) > 32 {
		return derrors.Errorf(derrors.InvalidArgument, "token prefix %.40q", t.Prefix)
	}
	return nil
}
