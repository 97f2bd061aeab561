package fetch

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"strconv"
	"time"

	"github.com/ccan-archive/ccan/internal/derrors"
)

// client does the HTTP requests of an archive: a timeout per request,
// retries with exponential back-off (and jitter, honouring Retry-After)
// when the server answers 429 or 5xx or the connection fails, and the
// ETag cache for the index.
type client struct {
	hc        *http.Client
	cache     *cache
	attempts  int
	baseDelay time.Duration
	userAgent string
}

// maxRetryWait caps one back-off, whatever Retry-After asks for.
const maxRetryWait = 30 * time.Second

func newClient(opts Options) *client {
	c := &client{attempts: opts.Attempts, baseDelay: opts.BaseDelay, userAgent: opts.UserAgent,
		cache: &cache{dir: opts.CacheDir}}
	if c.attempts <= 0 {
		c.attempts = 4
	}
	if c.baseDelay <= 0 {
		c.baseDelay = 500 * time.Millisecond
	}
	if c.userAgent == "" {
		c.userAgent = "ccan-get/1"
	}
	timeout := opts.Timeout
	if timeout <= 0 {
		timeout = 60 * time.Second
	}
	tr := http.DefaultTransport.(*http.Transport).Clone()
	tr.DialContext = (&net.Dialer{Timeout: 10 * time.Second, KeepAlive: 30 * time.Second}).DialContext
	tr.TLSHandshakeTimeout = 10 * time.Second
	tr.ResponseHeaderTimeout = timeout
	c.hc = &http.Client{Transport: tr, Timeout: timeout}
	return c
}

// StatusError is a final HTTP answer other than 200 (or 304).
type StatusError struct {
	URL    string
	Status int
	Msg    string // the server's JSON "error", if any
}

func (e *StatusError) Error() string {
	s := fmt.Sprintf("GET %s: %d %s", e.URL, e.Status, http.StatusText(e.Status))
	if e.Msg != "" {
		s += ": " + e.Msg
	}
	return s
}

// Unwrap maps the status to an error kind (404 -> NotFound, ...).
func (e *StatusError) Unwrap() error {
	switch e.Status {
	case http.StatusNotFound, http.StatusGone:
		return derrors.NotFound
	case http.StatusBadRequest:
		return derrors.InvalidArgument
	case http.StatusTooManyRequests:
		return derrors.RateLimited
	}
	return derrors.Unavailable
}

// retryable reports whether a status is worth another attempt.
func retryable(status int) bool {
	return status == http.StatusTooManyRequests || status == http.StatusBadGateway ||
		status == http.StatusServiceUnavailable || status == http.StatusGatewayTimeout ||
		status == http.StatusInternalServerError
}

// do sends a GET (with If-None-Match when etag is set) and returns a
// response with status 200 or 304; anything else is an error. Retries
// happen here.
func (c *client) do(ctx context.Context, url, etag string) (*http.Response, error) {
	var lastErr error
	for attempt := 0; attempt < c.attempts; attempt++ {
		if attempt > 0 {
			if err := sleep(ctx, c.backoff(attempt, lastErr)); err != nil {
				return nil, err
			}
		}
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
		if err != nil {
			return nil, err
		}
		req.Header.Set("User-Agent", c.userAgent)
		if etag != "" {
			req.Header.Set("If-None-Match", etag)
		}
		resp, err := c.hc.Do(req)
		if err != nil {
			if ctx.Err() != nil {
				return nil, ctx.Err()
			}
			lastErr = err
			continue
		}
		if resp.StatusCode == http.StatusOK || resp.StatusCode == http.StatusNotModified {
			return resp, nil
		}
		lastErr = statusError(url, resp)
		if !retryable(resp.StatusCode) {
			return nil, lastErr
		}
	}
	return nil, fmt.Errorf("after %d attempts: %w", c.attempts, lastErr)
}

// statusError reads the error answer's message and closes it.
func statusError(url string, resp *http.Response) error {
	defer resp.Body.Close()
	se := &StatusError{URL: url, Status: resp.StatusCode}
	var body struct {
		Error string `json:"error"`
	}
	if b, err := io.ReadAll(io.LimitReader(resp.Body, 4096)); err == nil && json.Unmarshal(b, &body) == nil {
		se.Msg = body.Error
	}
	if ra := resp.Header.Get("Retry-After"); ra != "" {
		return &retryAfterError{se, parseRetryAfter(ra)}
	}
	return se
}

type retryAfterError struct {
	*StatusError
	wait time.Duration
}

func (e *retryAfterError) Unwrap() error { return e.StatusError }

func parseRetryAfter(s string) time.Duration {
	if n, err := strconv.Atoi(s); err == nil && n >= 0 {
		return time.Duration(n) * time.Second
	}
	if t, err := http.ParseTime(s); err == nil {
		return time.Until(t)
	}
	return 0
}

// backoff is the wait before attempt (1, 2, ...): baseDelay doubled per
// attempt with up to 25% jitter, or what Retry-After asked, capped.
func (c *client) backoff(attempt int, lastErr error) time.Duration {
	var ra *retryAfterError
	if errors.As(lastErr, &ra) && ra.wait > 0 {
		return min(ra.wait, maxRetryWait)
	}
	d := c.baseDelay << (attempt - 1)
	d += time.Duration(rand.Int64N(int64(d)/4 + 1))
	return min(d, maxRetryWait)
}

func sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

// get returns the body of url, at most max bytes. With useCache, a
// cached copy is revalidated with its ETag and a new 200 answer is
// cached.
func (c *client) get(ctx context.Context, url string, max int64, useCache bool) ([]byte, error) {
	var etag string
	var cached []byte
	if useCache {
		etag, cached, _ = c.cache.load(url)
	}
	resp, err := c.do(ctx, url, etag)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	if resp.StatusCode == http.StatusNotModified {
		if cached == nil {
			return nil, fmt.Errorf("GET %s: 304 Not Modified without a cached copy", url)
		}
		return cached, nil
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, max+1))
	if err != nil {
		return nil, fmt.Errorf("GET %s: %w", url, err)
	}
	if int64(len(body)) > max {
		return nil, derrors.Errorf(derrors.TooLarge, "GET %s: more than %d bytes", url, max)
	}
	if useCache {
		c.cache.store(url, resp.Header.Get("ETag"), body)
	}
	return body, nil
}

// open returns the body of url as a stream (downloads are not cached:
// they are verified against the index instead).
func (c *client) open(ctx context.Context, url string) (io.ReadCloser, error) {
	resp, err := c.do(ctx, url, "")
	if err != nil {
		return nil, err
	}
	if resp.StatusCode != http.StatusOK {
		resp.Body.Close()
		return nil, fmt.Errorf("GET %s: unexpected %s", url, resp.Status)
	}
	return resp.Body, nil
}
