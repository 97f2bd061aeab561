-- 0005: accounts (users, sessions, API tokens), module ownership and
-- yanked versions. Secrets are never stored: sessions and tokens are
-- kept as the SHA-256 of their secret part, passwords as argon2id
-- hashes (internal/auth). Times are unix milliseconds.

CREATE TABLE users (
	id INTEGER PRIMARY KEY,
	name TEXT NOT NULL UNIQUE,
	email TEXT NOT NULL UNIQUE COLLATE NOCASE,
	password TEXT NOT NULL, -- encoded argon2id hash with its parameters and salt
	created INTEGER NOT NULL
);

CREATE TABLE sessions (
	id_hash BLOB PRIMARY KEY, -- SHA-256 of the cookie's session id
	user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
	created INTEGER NOT NULL,
	expires INTEGER NOT NULL
);
CREATE INDEX sessions_expires ON sessions(expires);

CREATE TABLE tokens (
	id INTEGER PRIMARY KEY,
	user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
	name TEXT NOT NULL,
	prefix TEXT NOT NULL UNIQUE, -- public part, for lookup
	hash BLOB NOT NULL,          -- SHA-256 of the secret part
	scopes TEXT NOT NULL,        -- space-separated: publish, yank
	created INTEGER NOT NULL,
	expires INTEGER NOT NULL,
	last_used INTEGER,           -- NULL: never used
	revoked INTEGER              -- NULL: active
);
CREATE INDEX tokens_user ON tokens(user_id);

-- Who may publish and yank a module name. Keyed by name, not modules.id:
-- a name is claimed before its first version exists.
CREATE TABLE module_owners (
	module TEXT NOT NULL,
	user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
	role TEXT NOT NULL CHECK (role IN ('owner', 'maintainer')),
	created INTEGER NOT NULL,
	PRIMARY KEY (module, user_id)
);
CREATE UNIQUE INDEX module_one_owner ON module_owners(module) WHERE role = 'owner';

-- A yanked version is served by its exact version but skipped when
-- modules.latest_version_id is chosen (unless all versions are yanked).
ALTER TABLE versions ADD COLUMN yanked INTEGER NOT NULL DEFAULT 0;
