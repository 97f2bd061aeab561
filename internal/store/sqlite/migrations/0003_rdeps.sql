-- 0003: the number of modules whose latest version depends directly on a
-- module, kept up to date by InsertModuleVersion, so that search ranking
-- and listings need not count reverse dependencies on every query.

ALTER TABLE modules ADD COLUMN rdeps INTEGER NOT NULL DEFAULT 0;
UPDATE modules SET rdeps = (
	SELECT count(*) FROM deps d JOIN modules m2 ON m2.latest_version_id = d.version_id
	WHERE d.dep = 'ccan/' || modules.name AND d.kind = 'direct');
