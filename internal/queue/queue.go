// Package queue defines a durable job queue with leases: a job is
// enqueued once per key, claimed by one worker at a time for a lease,
// extended while the worker is alive, and completed or failed (retried
// until its attempt cap, then dead). A claimed job whose lease runs out
// (its worker was killed) is handed out again.
//
// Delivery is at least once: a job may run again after a crash, so job
// handlers must be idempotent (the upload worker keeps its durable state
// in the upload record and finishes it in one store transaction).
//
// sqlitequeue is the embedded implementation, in the archive's SQLite
// file; another backend (PostgreSQL with SELECT ... FOR UPDATE SKIP
// LOCKED) plugs in by passing the same compliance suite (queuetest).
package queue

import (
	"context"
	"errors"
	"time"
)

// Job states.
const (
	StateQueued  = "queued"  // waiting (or waiting for a retry)
	StateRunning = "running" // claimed; Lease says until when
	StateDone    = "done"    // completed
	StateDead    = "dead"    // failed MaxAttempts times
)

// DefaultMaxAttempts is a job's attempt cap when NewJob leaves it 0.
const DefaultMaxAttempts = 3

// NewJob is what Enqueue stores.
type NewJob struct {
	Kind string // the worker type, e.g. "upload"
	// Key identifies the job: enqueueing a key that exists (in any
	// state) returns the existing job and adds nothing.
	Key         string
	Payload     []byte
	MaxAttempts int // 0 = DefaultMaxAttempts
}

// Job is a stored job.
type Job struct {
	ID          int64
	Kind        string
	Key         string
	Payload     []byte
	State       string
	Attempt     int // claims so far, this one included
	MaxAttempts int
	LastError   string
	Lease       time.Time // for a running job: when its lease ends
	Created     time.Time
	// Token identifies the claim: Extend, Complete and Fail act only
	// while the job is still claimed with this token.
	Token string
}

var (
	// ErrNoJob: Claim found no job ready to run.
	ErrNoJob = errors.New("queue: no job ready")
	// ErrLeaseLost: the job is no longer claimed with this token (its
	// lease ran out and another worker claimed it, or it finished).
	ErrLeaseLost = errors.New("queue: lease lost")
)

// Queue is a durable job queue. Implementations are safe for
// concurrent use, also by several processes sharing the backend.
type Queue interface {
	// Enqueue adds a job, or returns the existing job with the same key.
	Enqueue(ctx context.Context, j NewJob) (*Job, error)
	// Claim hands out the oldest job of kind that is queued and due, or
	// running with an expired lease, for lease; ErrNoJob when none. A
	// job whose lease expired with no attempts left becomes dead
	// instead of being handed out.
	Claim(ctx context.Context, kind string, lease time.Duration) (*Job, error)
	// Extend renews a claimed job's lease (a heartbeat).
	Extend(ctx context.Context, j *Job, lease time.Duration) error
	// Complete marks a claimed job done.
	Complete(ctx context.Context, j *Job) error
	// Fail records cause; the job is queued again after retryAfter
	// while attempts remain, else it becomes dead.
	Fail(ctx context.Context, j *Job, cause error, retryAfter time.Duration) error
	// Release gives a claimed job back without counting the attempt
	// (the worker is shutting down): it is queued again at once.
	Release(ctx context.Context, j *Job) error
	// Lookup returns the job with this key (derrors.NotFound when none).
	Lookup(ctx context.Context, key string) (*Job, error)
	// Close releases the queue's resources.
	Close() error
}
