-- 0008: search runs on an in-memory index (internal/searchindex) built
-- from each module's latest text, so the FTS5 tables are no longer
-- queried. The text stays, in a plain table: one row per module
-- (module_id = modules.id) holding its latest version's name, summary,
-- body (description and example) and function names (space-separated).
-- It changes only with modules.latest_version_id, whose trigger bumps
-- search_generation.
CREATE TABLE search_text (
	module_id INTEGER PRIMARY KEY,
	name TEXT NOT NULL,
	summary TEXT NOT NULL,
	body TEXT NOT NULL,
	functions TEXT NOT NULL
);
INSERT INTO search_text(module_id, name, summary, body, functions)
	SELECT rowid, name, summary, body, functions FROM search;
DROP TABLE search;
DROP TABLE search_title;
UPDATE search_generation SET gen = gen + 1;
