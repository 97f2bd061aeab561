// Package queuetest is the compliance suite every queue.Queue backend
// must pass: each backend's test calls Run with a constructor of empty
// queues on a clock the suite controls.
package queuetest

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/ccan-archive/ccan/internal/derrors"
	"github.com/ccan-archive/ccan/internal/queue"
)

// Clock is a settable time source.
type Clock struct {
	mu sync.Mutex
	t  time.Time
}

// Now returns the clock's time.
func (c *Clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

// Advance moves the clock forward.
func (c *Clock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// Run runs the suite. newQueue must return a new, empty queue that
// reads the time from now (closing it is Run's job).
func Run(t *testing.T, newQueue func(t *testing.T, now func() time.Time) queue.Queue) {
	tests := []struct {
		name string
		fn   func(*testing.T, queue.Queue, *Clock)
	}{
		{"EnqueueOnce", testEnqueueOnce},
		{"ClaimOrder", testClaimOrder},
		{"Lease", testLease},
		{"Extend", testExtend},
		{"FailRetry", testFailRetry},
		{"DeadAfterCrashes", testDeadAfterCrashes},
		{"Complete", testComplete},
		{"Release", testRelease},
		{"ConcurrentClaims", testConcurrentClaims},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := &Clock{t: time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)}
			q := newQueue(t, c.Now)
			defer q.Close()
			tt.fn(t, q, c)
		})
	}
}

var ctx = context.Background()

const lease = time.Minute

func enqueue(t *testing.T, q queue.Queue, kind, key string) *queue.Job {
	t.Helper()
	j, err := q.Enqueue(ctx, queue.NewJob{Kind: kind, Key: key, Payload: []byte("p-" + key)})
	if err != nil {
		t.Fatal(err)
	}
	return j
}

func claim(t *testing.T, q queue.Queue, kind string) *queue.Job {
	t.Helper()
	j, err := q.Claim(ctx, kind, lease)
	if err != nil {
		t.Fatalf("Claim(%s): %v", kind, err)
	}
	return j
}

func wantNoJob(t *testing.T, q queue.Queue, kind string) {
	t.Helper()
	if j, err := q.Claim(ctx, kind, lease); !errors.Is(err, queue.ErrNoJob) {
		t.Fatalf("Claim(%s) = %+v, %v; want ErrNoJob", kind, j, err)
	}
}

func testEnqueueOnce(t *testing.T, q queue.Queue, c *Clock) {
	a := enqueue(t, q, "upload", "upload/1")
	if a.State != queue.StateQueued || a.Attempt != 0 || a.MaxAttempts != queue.DefaultMaxAttempts || string(a.Payload) != "p-upload/1" {
		t.Errorf("Enqueue = %+v", a)
	}
	again, err := q.Enqueue(ctx, queue.NewJob{Kind: "upload", Key: "upload/1", Payload: []byte("other")})
	if err != nil || again.ID != a.ID || string(again.Payload) != "p-upload/1" {
		t.Errorf("second Enqueue = %+v, %v; want the first job", again, err)
	}
	claim(t, q, "upload")
	wantNoJob(t, q, "upload") // only one job despite two Enqueues
	if _, err := q.Lookup(ctx, "upload/2"); !errors.Is(err, derrors.NotFound) {
		t.Errorf("Lookup(missing) = %v, want NotFound", err)
	}
	if _, err := q.Enqueue(ctx, queue.NewJob{Kind: "upload"}); !errors.Is(err, derrors.InvalidArgument) {
		t.Errorf("Enqueue(no key) = %v, want InvalidArgument", err)
	}
}

func testClaimOrder(t *testing.T, q queue.Queue, c *Clock) {
	wantNoJob(t, q, "upload")
	enqueue(t, q, "upload", "a")
	enqueue(t, q, "other", "b")
	enqueue(t, q, "upload", "c")
	for _, want := range []string{"a", "c"} {
		j := claim(t, q, "upload")
		if j.Key != want || j.Attempt != 1 || j.State != queue.StateRunning || j.Token == "" {
			t.Errorf("Claim = %+v, want %s on attempt 1", j, want)
		}
		if !j.Lease.Equal(c.Now().Add(lease)) {
			t.Errorf("lease until %v, want %v", j.Lease, c.Now().Add(lease))
		}
	}
	wantNoJob(t, q, "upload")
	if j := claim(t, q, "other"); j.Key != "b" {
		t.Errorf("Claim(other) = %s", j.Key)
	}
}

func testLease(t *testing.T, q queue.Queue, c *Clock) {
	enqueue(t, q, "upload", "a")
	first := claim(t, q, "upload")
	c.Advance(lease - time.Second)
	wantNoJob(t, q, "upload") // still leased
	c.Advance(2 * time.Second)
	second := claim(t, q, "upload") // the first worker "died"
	if second.Key != "a" || second.Attempt != 2 || second.Token == first.Token {
		t.Errorf("reclaimed = %+v", second)
	}
	// The first worker wakes up: its claim is gone.
	for what, err := range map[string]error{
		"Complete": q.Complete(ctx, first),
		"Extend":   q.Extend(ctx, first, lease),
		"Fail":     q.Fail(ctx, first, errors.New("x"), 0),
	} {
		if !errors.Is(err, queue.ErrLeaseLost) {
			t.Errorf("%s with a stale token = %v, want ErrLeaseLost", what, err)
		}
	}
	if err := q.Complete(ctx, second); err != nil {
		t.Errorf("Complete by the new owner: %v", err)
	}
}

func testExtend(t *testing.T, q queue.Queue, c *Clock) {
	enqueue(t, q, "upload", "a")
	j := claim(t, q, "upload")
	for i := 0; i < 5; i++ {
		c.Advance(lease / 2)
		if err := q.Extend(ctx, j, lease); err != nil {
			t.Fatal(err)
		}
		wantNoJob(t, q, "upload")
	}
	c.Advance(lease + time.Second)
	if j2 := claim(t, q, "upload"); j2.Attempt != 2 {
		t.Errorf("after the heartbeat stopped: attempt %d", j2.Attempt)
	}
}

func testFailRetry(t *testing.T, q queue.Queue, c *Clock) {
	enqueue(t, q, "upload", "a")
	for attempt := 1; attempt <= queue.DefaultMaxAttempts; attempt++ {
		j := claim(t, q, "upload")
		if j.Attempt != attempt {
			t.Fatalf("attempt %d, want %d", j.Attempt, attempt)
		}
		if err := q.Fail(ctx, j, fmt.Errorf("boom %d", attempt), 10*time.Second); err != nil {
			t.Fatal(err)
		}
		wantNoJob(t, q, "upload") // not before retryAfter
		c.Advance(11 * time.Second)
	}
	wantNoJob(t, q, "upload") // attempts used up
	j, err := q.Lookup(ctx, "a")
	if err != nil || j.State != queue.StateDead || j.LastError != fmt.Sprintf("boom %d", queue.DefaultMaxAttempts) {
		t.Errorf("after %d failures: %+v, %v", queue.DefaultMaxAttempts, j, err)
	}
}

func testDeadAfterCrashes(t *testing.T, q queue.Queue, c *Clock) {
	if _, err := q.Enqueue(ctx, queue.NewJob{Kind: "upload", Key: "a", MaxAttempts: 2}); err != nil {
		t.Fatal(err)
	}
	claim(t, q, "upload")
	c.Advance(2 * lease)
	claim(t, q, "upload")
	c.Advance(2 * lease)
	wantNoJob(t, q, "upload") // two crashed attempts: dead, not handed out
	j, err := q.Lookup(ctx, "a")
	if err != nil || j.State != queue.StateDead || j.LastError == "" {
		t.Errorf("after crashes: %+v, %v", j, err)
	}
}

func testComplete(t *testing.T, q queue.Queue, c *Clock) {
	enqueue(t, q, "upload", "a")
	j := claim(t, q, "upload")
	if err := q.Complete(ctx, j); err != nil {
		t.Fatal(err)
	}
	c.Advance(10 * lease)
	wantNoJob(t, q, "upload")
	if err := q.Complete(ctx, j); !errors.Is(err, queue.ErrLeaseLost) {
		t.Errorf("second Complete = %v, want ErrLeaseLost", err)
	}
	if again := enqueue(t, q, "upload", "a"); again.State != queue.StateDone {
		t.Errorf("re-enqueued done job = %+v; want it left done", again)
	}
	wantNoJob(t, q, "upload")
}

func testRelease(t *testing.T, q queue.Queue, c *Clock) {
	enqueue(t, q, "upload", "a")
	for i := 0; i < queue.DefaultMaxAttempts+2; i++ { // releases never use up attempts
		j := claim(t, q, "upload")
		if j.Attempt != 1 {
			t.Fatalf("claim after %d releases: attempt %d, want 1", i, j.Attempt)
		}
		if err := q.Release(ctx, j); err != nil {
			t.Fatal(err)
		}
		if err := q.Complete(ctx, j); !errors.Is(err, queue.ErrLeaseLost) {
			t.Errorf("Complete after Release = %v, want ErrLeaseLost", err)
		}
	}
}

func testConcurrentClaims(t *testing.T, q queue.Queue, c *Clock) {
	const jobs, workers = 40, 8
	for i := 0; i < jobs; i++ {
		enqueue(t, q, "upload", fmt.Sprint(i))
	}
	var mu sync.Mutex
	seen := map[string]int{}
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				j, err := q.Claim(ctx, "upload", lease)
				if errors.Is(err, queue.ErrNoJob) {
					return
				}
				if err != nil {
					t.Error(err)
					return
				}
				mu.Lock()
				seen[j.Key]++
				mu.Unlock()
				if err := q.Complete(ctx, j); err != nil {
					t.Error(err)
				}
			}
		}()
	}
	wg.Wait()
	if len(seen) != jobs {
		t.Errorf("%d jobs claimed, want %d", len(seen), jobs)
	}
	for k, n := range seen {
		if n != 1 {
			t.Errorf("job %s claimed %d times", k, n)
		}
	}
}
