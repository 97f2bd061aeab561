// Package sqlitequeue is the embedded queue.Queue: one table,
// queue_jobs, in a SQLite database file (the archive's own ccan.db, so
// a single-machine archive needs no queue server). Its schema is its
// own, created on Open; it shares nothing with the store's tables but
// the file.
//
// Claims are one IMMEDIATE transaction (pick the oldest due job, mark it
// running with a fresh token and lease), so two workers, even in two
// processes, never claim the same job; the database's busy timeout
// queues them. Polling is the caller's business: Claim returns
// queue.ErrNoJob at once when nothing is due.
//
// Why not river (riverqueue): its SQLite driver is marked early
// testing, and what the archive needs (a keyed, leased, capped job
// table) is this file's two hundred lines, testable with the compliance
// suite that a PostgreSQL queue will pass too.
package sqlitequeue

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"net/url"
	"time"

	"github.com/ccan-archive/ccan/internal/derrors"
	"github.com/ccan-archive/ccan/internal/queue"

	_ "modernc.org/sqlite" // registers the "sqlite" driver
)

// Queue is a queue.Queue in a SQLite file.
type Queue struct {
	db  *sql.DB
	now func() time.Time
}

var _ queue.Queue = (*Queue)(nil)

// Options configure a Queue.
type Options struct {
	// Now is the clock (time.Now when nil); tests move it to expire
	// leases.
	Now func() time.Time
}

const schema = `CREATE TABLE IF NOT EXISTS queue_jobs (
	id INTEGER PRIMARY KEY,
	kind TEXT NOT NULL,
	key TEXT NOT NULL UNIQUE,
	payload BLOB NOT NULL,
	state TEXT NOT NULL,            -- queued|running|done|dead
	attempt INTEGER NOT NULL DEFAULT 0,
	max_attempts INTEGER NOT NULL,
	last_error TEXT NOT NULL DEFAULT '',
	due INTEGER NOT NULL,           -- unix ms: a queued job runs from then on
	lease INTEGER NOT NULL DEFAULT 0, -- unix ms: a running job's lease end
	token TEXT NOT NULL DEFAULT '',
	created INTEGER NOT NULL,
	updated INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS queue_jobs_ready ON queue_jobs(kind, state, due);`

// Open opens (creating if needed) the queue table in the SQLite
// database at path.
func Open(ctx context.Context, path string, opts Options) (_ *Queue, err error) {
	defer derrors.Wrap(&err, "sqlitequeue.Open(%q)", path)
	q := url.Values{}
	for _, p := range []string{"busy_timeout(10000)", "journal_mode(WAL)", "synchronous(NORMAL)"} {
		q.Add("_pragma", p)
	}
	q.Set("_txlock", "immediate")
	db, err := sql.Open("sqlite", "file:"+path+"?"+q.Encode())
	if err != nil {
		return nil, err
	}
	db.SetMaxOpenConns(4)
	if _, err := db.ExecContext(ctx, schema); err != nil {
		db.Close()
		return nil, err
	}
	now := opts.Now
	if now == nil {
		now = time.Now
	}
	return &Queue{db: db, now: now}, nil
}

// Close closes the database handle.
func (q *Queue) Close() error { return q.db.Close() }

func (q *Queue) ms() int64 { return q.now().UnixMilli() }

const jobCols = `id, kind, key, payload, state, attempt, max_attempts, last_error, lease, token, created`

func scanJob(row interface{ Scan(...any) error }) (*queue.Job, error) {
	j := &queue.Job{}
	var lease, created int64
	if err := row.Scan(&j.ID, &j.Kind, &j.Key, &j.Payload, &j.State, &j.Attempt, &j.MaxAttempts,
		&j.LastError, &lease, &j.Token, &created); err != nil {
		return nil, err
	}
	if j.State == queue.StateRunning {
		j.Lease = time.UnixMilli(lease).UTC()
	}
	j.Created = time.UnixMilli(created).UTC()
	return j, nil
}

// Enqueue implements queue.Queue.
func (q *Queue) Enqueue(ctx context.Context, nj queue.NewJob) (_ *queue.Job, err error) {
	defer derrors.Wrap(&err, "sqlitequeue.Enqueue(%q)", nj.Key)
	if nj.Kind == "" || nj.Key == "" {
		return nil, derrors.Errorf(derrors.InvalidArgument, "a job needs a kind and a key")
	}
	maxAttempts := nj.MaxAttempts
	if maxAttempts <= 0 {
		maxAttempts = queue.DefaultMaxAttempts
	}
	payload := nj.Payload
	if payload == nil {
		payload = []byte{}
	}
	now := q.ms()
	_, err = q.db.ExecContext(ctx, `INSERT INTO queue_jobs(kind, key, payload, state, max_attempts, due, created, updated)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(key) DO NOTHING`,
		nj.Kind, nj.Key, payload, queue.StateQueued, maxAttempts, now, now, now)
	if err != nil {
		return nil, err
	}
	return q.Lookup(ctx, nj.Key)
}

// Lookup implements queue.Queue.
func (q *Queue) Lookup(ctx context.Context, key string) (_ *queue.Job, err error) {
	j, err := scanJob(q.db.QueryRowContext(ctx, `SELECT `+jobCols+` FROM queue_jobs WHERE key = ?`, key))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, derrors.Errorf(derrors.NotFound, "job %q", key)
	}
	return j, err
}

func newToken() string {
	b := make([]byte, 16)
	rand.Read(b)
	return hex.EncodeToString(b)
}

// Claim implements queue.Queue.
func (q *Queue) Claim(ctx context.Context, kind string, lease time.Duration) (_ *queue.Job, err error) {
	defer derrors.Wrap(&err, "sqlitequeue.Claim(%q)", kind)
	var claimed *queue.Job
	err = q.tx(ctx, func(tx *sql.Tx) error {
		for {
			now := q.ms()
			j, err := scanJob(tx.QueryRowContext(ctx, `SELECT `+jobCols+` FROM queue_jobs
				WHERE kind = ? AND (state = ? AND due <= ? OR state = ? AND lease < ?)
				ORDER BY id LIMIT 1`, kind, queue.StateQueued, now, queue.StateRunning, now))
			if errors.Is(err, sql.ErrNoRows) {
				return nil // commit the jobs this loop made dead
			}
			if err != nil {
				return err
			}
			if j.State == queue.StateRunning && j.Attempt >= j.MaxAttempts {
				// Its last attempt's worker died: no more tries.
				msg := fmt.Sprintf("lease expired on attempt %d of %d (the worker stopped)", j.Attempt, j.MaxAttempts)
				if _, err := tx.ExecContext(ctx, `UPDATE queue_jobs SET state = ?, last_error = ?, token = '', updated = ?
					WHERE id = ?`, queue.StateDead, msg, now, j.ID); err != nil {
					return err
				}
				continue
			}
			if j.State == queue.StateRunning {
				j.LastError = fmt.Sprintf("lease expired on attempt %d (the worker stopped)", j.Attempt)
			}
			j.State, j.Attempt, j.Token = queue.StateRunning, j.Attempt+1, newToken()
			j.Lease = time.UnixMilli(now + lease.Milliseconds()).UTC()
			if _, err := tx.ExecContext(ctx, `UPDATE queue_jobs SET state = ?, attempt = ?, token = ?, lease = ?,
				last_error = ?, updated = ? WHERE id = ?`,
				j.State, j.Attempt, j.Token, j.Lease.UnixMilli(), j.LastError, now, j.ID); err != nil {
				return err
			}
			claimed = j
			return nil
		}
	})
	if err == nil && claimed == nil {
		return nil, queue.ErrNoJob // unwrapped: the common case
	}
	return claimed, err
}

// update changes a job still claimed with j.Token; ErrLeaseLost when it
// is not.
func (q *Queue) update(ctx context.Context, j *queue.Job, set string, args ...any) error {
	args = append(args, q.ms(), j.ID, j.Token, queue.StateRunning)
	res, err := q.db.ExecContext(ctx, `UPDATE queue_jobs SET `+set+`, updated = ?
		WHERE id = ? AND token = ? AND state = ?`, args...)
	if err != nil {
		return err
	}
	if n, err := res.RowsAffected(); err != nil {
		return err
	} else if n == 0 {
		return queue.ErrLeaseLost
	}
	return nil
}

// Extend implements queue.Queue.
func (q *Queue) Extend(ctx context.Context, j *queue.Job, lease time.Duration) (err error) {
	defer derrors.Wrap(&err, "sqlitequeue.Extend(%q)", j.Key)
	until := q.now().Add(lease).UTC()
	if err := q.update(ctx, j, `lease = ?`, until.UnixMilli()); err != nil {
		return err
	}
	j.Lease = until
	return nil
}

// Complete implements queue.Queue.
func (q *Queue) Complete(ctx context.Context, j *queue.Job) (err error) {
	defer derrors.Wrap(&err, "sqlitequeue.Complete(%q)", j.Key)
	if err := q.update(ctx, j, `state = ?, token = ''`, queue.StateDone); err != nil {
		return err
	}
	j.State = queue.StateDone
	return nil
}

// Fail implements queue.Queue.
func (q *Queue) Fail(ctx context.Context, j *queue.Job, cause error, retryAfter time.Duration) (err error) {
	defer derrors.Wrap(&err, "sqlitequeue.Fail(%q)", j.Key)
	msg := "failed"
	if cause != nil {
		msg = cause.Error()
	}
	state := queue.StateQueued
	if j.Attempt >= j.MaxAttempts {
		state = queue.StateDead
	}
	due := q.now().Add(retryAfter).UnixMilli()
	if err := q.update(ctx, j, `state = ?, last_error = ?, due = ?, token = ''`, state, msg, due); err != nil {
		return err
	}
	j.State, j.LastError = state, msg
	return nil
}

// Release implements queue.Queue.
func (q *Queue) Release(ctx context.Context, j *queue.Job) (err error) {
	defer derrors.Wrap(&err, "sqlitequeue.Release(%q)", j.Key)
	if err := q.update(ctx, j, `state = ?, attempt = max(attempt - 1, 0), due = ?, token = ''`,
		queue.StateQueued, q.ms()); err != nil {
		return err
	}
	j.State, j.Attempt = queue.StateQueued, max(j.Attempt-1, 0)
	return nil
}

func (q *Queue) tx(ctx context.Context, fn func(*sql.Tx) error) error {
	tx, err := q.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	if err := fn(tx); err != nil {
		tx.Rollback()
		return err
	}
	return tx.Commit()
}
