-- 0001: modules, versions, their files, deps, tarballs, lint results,
-- junkcode, whole-archive tarballs, and the FTS5 search index.

CREATE TABLE modules (
	id INTEGER PRIMARY KEY,
	name TEXT NOT NULL UNIQUE,
	latest_version_id INTEGER -- versions.id of the newest version
);

CREATE TABLE versions (
	id INTEGER PRIMARY KEY,
	module_id INTEGER NOT NULL REFERENCES modules(id),
	version TEXT NOT NULL,
	created INTEGER NOT NULL, -- unix milliseconds
	content_sha256 TEXT NOT NULL,
	summary TEXT NOT NULL,
	license TEXT NOT NULL,
	doc TEXT NOT NULL, -- JSON: the other descriptive fields (docFields)
	score INTEGER,     -- lint score, NULL until linted
	total INTEGER,
	UNIQUE (module_id, version)
);
CREATE INDEX versions_created ON versions(created);

-- kind: 'direct' (depends, ccan/ and external, in _info order) or
-- 'all' (the recursive ccan/ closure).
CREATE TABLE deps (
	version_id INTEGER NOT NULL REFERENCES versions(id) ON DELETE CASCADE,
	kind TEXT NOT NULL,
	pos INTEGER NOT NULL,
	dep TEXT NOT NULL,
	PRIMARY KEY (version_id, kind, pos)
);
CREATE INDEX deps_dep ON deps(dep, kind);

CREATE TABLE files (
	version_id INTEGER NOT NULL REFERENCES versions(id) ON DELETE CASCADE,
	pos INTEGER NOT NULL,
	path TEXT NOT NULL,
	kind TEXT NOT NULL,
	size INTEGER NOT NULL,
	sha256 TEXT NOT NULL,
	link TEXT NOT NULL DEFAULT '',
	PRIMARY KEY (version_id, path)
);

CREATE TABLE version_tarballs (
	version_id INTEGER NOT NULL REFERENCES versions(id) ON DELETE CASCADE,
	kind TEXT NOT NULL,
	name TEXT NOT NULL,
	sha256 TEXT NOT NULL,
	size INTEGER NOT NULL,
	PRIMARY KEY (version_id, kind)
);

CREATE TABLE lint_results (
	version_id INTEGER NOT NULL REFERENCES versions(id) ON DELETE CASCADE,
	pos INTEGER NOT NULL,
	key TEXT NOT NULL,
	title TEXT NOT NULL,
	status TEXT NOT NULL,
	score INTEGER NOT NULL,
	total INTEGER NOT NULL,
	messages TEXT, -- JSON or NULL
	PRIMARY KEY (version_id, key)
);

CREATE TABLE junk (
	id INTEGER PRIMARY KEY,
	name TEXT NOT NULL UNIQUE,
	created INTEGER NOT NULL,
	files TEXT NOT NULL,   -- JSON []store.File
	tarball TEXT NOT NULL  -- JSON store.Tarball
);

CREATE TABLE archives (
	id INTEGER PRIMARY KEY,
	created INTEGER NOT NULL,
	name TEXT NOT NULL,
	sha256 TEXT NOT NULL,
	size INTEGER NOT NULL
);

-- One row per module (rowid = modules.id), for its latest version.
CREATE VIRTUAL TABLE search USING fts5(name, summary, body, functions, tokenize = 'unicode61');
