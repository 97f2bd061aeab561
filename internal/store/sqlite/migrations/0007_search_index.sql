-- 0007: the rest of search's speed-up (0004 was committed half-way; its
-- snapshot of module names and reverse dependencies is now one of the
-- latest versions' summaries, internal/store/sqlite/snapshot.go).
--
-- The snapshot also holds each latest version's score and other columns:
-- any change of a version row starts a new generation.
CREATE TRIGGER versions_update_gen AFTER UPDATE ON versions
	BEGIN UPDATE search_generation SET gen = gen + 1; END;
UPDATE search_generation SET gen = gen + 1;

-- The search index again, with prefix indexes: the last word of a query
-- also matches as a prefix ("doub" finds "doubly"), and without them
-- FTS5 merges the postings of every word with that prefix on each query
-- (three times per search: hits, title hits, bm25's statistics).
CREATE VIRTUAL TABLE search_new USING fts5(name, summary, body, functions,
	tokenize = 'unicode61', prefix = '1 2 3 4 5 6');
INSERT INTO search_new(rowid, name, summary, body, functions)
	SELECT rowid, name, summary, body, functions FROM search;
DROP TABLE search;
ALTER TABLE search_new RENAME TO search;

-- The names and summaries alone (rowid = modules.id, as in search), for
-- search's tier 2 ("every word in the name or summary"): the same
-- question asked of search with a {name summary} filter reads the
-- postings of every column.
CREATE VIRTUAL TABLE search_title USING fts5(name, summary,
	tokenize = 'unicode61', prefix = '1 2 3 4 5 6');
INSERT INTO search_title(rowid, name, summary) SELECT rowid, name, summary FROM search;
