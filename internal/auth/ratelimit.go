package auth

import (
	"fmt"
	"math"
	"sync"
	"time"

	"github.com/ccan-archive/ccan/internal/derrors"
	"golang.org/x/time/rate"
)

// Rate is a token-bucket limit: bursts of up to Burst events, refilled
// at one event per Every. A zero Every means no limit.
type Rate struct {
	Every time.Duration
	Burst int
}

func (r Rate) String() string {
	if r.Every <= 0 {
		return "unlimited"
	}
	return fmt.Sprintf("%d, then 1 per %s", r.Burst, r.Every)
}

// maxKeys bounds a Limiter's memory (about 200 bytes a key).
const maxKeys = 100_000

// Limiter keeps one token bucket per key (a client address, an
// account), created on first use. Idle buckets are full again after
// Every*Burst; they are dropped when the table grows past maxKeys.
type Limiter struct {
	rate Rate
	mu   sync.Mutex
	keys map[string]*bucket
}

type bucket struct {
	lim  *rate.Limiter
	last time.Time
}

// NewLimiter returns a Limiter for r.
func NewLimiter(r Rate) *Limiter {
	return &Limiter{rate: r, keys: map[string]*bucket{}}
}

// Allow takes one event from key's bucket. When the bucket is empty it
// takes nothing and reports how long until an event is allowed.
func (l *Limiter) Allow(key string, now time.Time) (ok bool, retryAfter time.Duration) {
	if l == nil || l.rate.Every <= 0 {
		return true, 0
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	b := l.keys[key]
	if b == nil {
		if len(l.keys) >= maxKeys {
			l.prune(now)
		}
		b = &bucket{lim: rate.NewLimiter(rate.Every(l.rate.Every), max(l.rate.Burst, 1))}
		l.keys[key] = b
	}
	b.last = now
	res := b.lim.ReserveN(now, 1)
	if d := res.DelayFrom(now); d > 0 {
		res.CancelAt(now)
		return false, d
	}
	return true, 0
}

// prune drops the buckets that are full again; if none is, it drops
// them all (keeping memory bounded matters more than the limit then).
func (l *Limiter) prune(now time.Time) {
	idle := l.rate.Every * time.Duration(max(l.rate.Burst, 1))
	for k, b := range l.keys {
		if now.Sub(b.last) >= idle {
			delete(l.keys, k)
		}
	}
	if len(l.keys) >= maxKeys {
		clear(l.keys)
	}
}

// RateLimitError is a refusal by a Limiter; it is a derrors.RateLimited
// error that knows when to try again.
type RateLimitError struct {
	What       string // "log-in attempts from this address"
	RetryAfter time.Duration
}

func (e *RateLimitError) Error() string {
	return fmt.Sprintf("too many %s; try again in %s", e.What, e.RetryAfter.Round(time.Second))
}

// Unwrap makes errors.Is(err, derrors.RateLimited) hold.
func (e *RateLimitError) Unwrap() error { return derrors.RateLimited }

// RetryAfterSeconds is the Retry-After header's value: whole seconds,
// rounded up, at least 1.
func (e *RateLimitError) RetryAfterSeconds() int {
	return max(1, int(math.Ceil(e.RetryAfter.Seconds())))
}
