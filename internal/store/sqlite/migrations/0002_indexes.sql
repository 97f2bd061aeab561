-- 0002: indexes for reverse-dependency and popularity queries, which join
-- deps to modules through modules.latest_version_id on every search and
-- module page.

CREATE INDEX modules_latest ON modules(latest_version_id);
CREATE INDEX versions_module ON versions(module_id);
