-- 0004: speed of search and of the home page's counts on a large archive.
--
-- search_generation.gen changes whenever what Search ranks by changes
-- (a module's name, latest version or reverse-dependency count), whoever
-- writes: Search keeps those in memory and reloads them when it changes
-- (internal/store/sqlite/rankinputs.go).
CREATE TABLE search_generation (gen INTEGER NOT NULL);
INSERT INTO search_generation VALUES (1);
CREATE TRIGGER modules_insert_gen AFTER INSERT ON modules
	BEGIN UPDATE search_generation SET gen = gen + 1; END;
CREATE TRIGGER modules_delete_gen AFTER DELETE ON modules
	BEGIN UPDATE search_generation SET gen = gen + 1; END;
CREATE TRIGGER modules_update_gen AFTER UPDATE OF name, latest_version_id, rdeps ON modules
	BEGIN UPDATE search_generation SET gen = gen + 1; END;

-- Counts' "linted" total walks this small partial index instead of
-- reading every latest version's row (which carries the doc JSON).
CREATE INDEX versions_linted ON versions(id) WHERE score IS NOT NULL;

-- Tarball formats: the whole-archive tarball of each format is its own
-- row (kind 'archive' or 'archive-bz2'), and a junkcode entry keeps its
-- .tar.bz2 beside its .tar.gz (JSON store.Tarball, NULL when missing).
ALTER TABLE archives ADD COLUMN kind TEXT NOT NULL DEFAULT 'archive';
CREATE INDEX archives_kind ON archives(kind, id);
ALTER TABLE junk ADD COLUMN tarball_bz2 TEXT;
