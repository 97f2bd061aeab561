-- 0006: uploads (see store.Uploads). An upload's row is the durable
-- state of its processing: the job queue only delivers it to a worker,
-- and a restarted worker finishes every row whose status is not final.

CREATE TABLE uploads (
	id INTEGER PRIMARY KEY,
	user_id INTEGER NOT NULL,
	user_name TEXT NOT NULL,
	files TEXT NOT NULL,    -- JSON []store.UploadFile (names, blob keys, sizes)
	created INTEGER NOT NULL, -- unix milliseconds
	updated INTEGER NOT NULL,
	status TEXT NOT NULL,   -- queued|extracting|checking|published|junkcode|rejected
	reason TEXT NOT NULL DEFAULT '',
	module TEXT NOT NULL DEFAULT '',
	version TEXT NOT NULL DEFAULT '',
	junk TEXT NOT NULL DEFAULT '',
	log TEXT NOT NULL DEFAULT '',
	attempts INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX uploads_user ON uploads(user_id, id);
CREATE INDEX uploads_unfinished ON uploads(status) WHERE status IN ('queued', 'extracting', 'checking');
