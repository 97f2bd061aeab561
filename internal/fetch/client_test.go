package fetch

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
	"time"

	"github.com/ccan-archive/ccan/internal/derrors"
)

func testClient(t *testing.T) *client {
	return newClient(Options{CacheDir: t.TempDir(), BaseDelay: time.Millisecond, Attempts: 4})
}

func TestRetries(t *testing.T) {
	var calls atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n := calls.Add(1)
		switch r.URL.Path {
		case "/flaky": // two failures, then success
			if n == 1 {
				w.Header().Set("Retry-After", "0")
				w.WriteHeader(http.StatusTooManyRequests)
				return
			}
			if n == 2 {
				w.WriteHeader(http.StatusServiceUnavailable)
				return
			}
			w.Write([]byte("ok"))
		case "/down":
			http.Error(w, `{"error":"broken"}`, http.StatusBadGateway)
		default:
			http.Error(w, `{"error":"no such thing","status":404}`, http.StatusNotFound)
		}
	}))
	defer srv.Close()
	c := testClient(t)
	ctx := context.Background()

	b, err := c.get(ctx, srv.URL+"/flaky", 100, false)
	if err != nil || string(b) != "ok" || calls.Load() != 3 {
		t.Errorf("flaky: %q, %v after %d calls; want ok after 3", b, err, calls.Load())
	}

	calls.Store(0)
	_, err = c.get(ctx, srv.URL+"/down", 100, false)
	var se *StatusError
	if !errors.As(err, &se) || se.Status != http.StatusBadGateway || calls.Load() != 4 {
		t.Errorf("down: %v after %d calls; want a 502 after 4", err, calls.Load())
	}

	calls.Store(0)
	_, err = c.get(ctx, srv.URL+"/missing", 100, false)
	if !errors.Is(err, derrors.NotFound) || calls.Load() != 1 {
		t.Errorf("missing: %v after %d calls; want NotFound after 1", err, calls.Load())
	}
	if !errors.As(err, &se) || se.Msg != "no such thing" {
		t.Errorf("missing: server message not kept: %v", err)
	}

	if _, err := c.get(ctx, srv.URL+"/flaky", 1, false); !errors.Is(err, derrors.TooLarge) {
		t.Errorf("body over the limit: %v, want TooLarge", err)
	}
}

func TestRetryStopsWithContext(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Retry-After", "20")
		w.WriteHeader(http.StatusServiceUnavailable)
	}))
	defer srv.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err := testClient(t).get(ctx, srv.URL, 100, false)
	if !errors.Is(err, context.DeadlineExceeded) || time.Since(start) > 5*time.Second {
		t.Errorf("err = %v after %v, want the deadline at once", err, time.Since(start))
	}
}

func TestETagCache(t *testing.T) {
	var full, notModified atomic.Int32
	body := "line one\n"
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		etag := `"v1"`
		if body != "line one\n" {
			etag = `"v2"`
		}
		w.Header().Set("ETag", etag)
		if r.Header.Get("If-None-Match") == etag {
			notModified.Add(1)
			w.WriteHeader(http.StatusNotModified)
			return
		}
		full.Add(1)
		w.Write([]byte(body))
	}))
	defer srv.Close()
	c := testClient(t)
	ctx := context.Background()
	for i := 0; i < 3; i++ {
		b, err := c.get(ctx, srv.URL+"/index/list", 1000, true)
		if err != nil || string(b) != "line one\n" {
			t.Fatalf("get %d: %q, %v", i, b, err)
		}
	}
	if full.Load() != 1 || notModified.Load() != 2 {
		t.Errorf("%d full answers and %d 304s, want 1 and 2", full.Load(), notModified.Load())
	}
	body = "line two\n"
	if b, err := c.get(ctx, srv.URL+"/index/list", 1000, true); err != nil || string(b) != body {
		t.Errorf("after a change: %q, %v", b, err)
	}
	// A second client with the same cache directory revalidates too.
	c2 := newClient(Options{CacheDir: c.cache.dir})
	if b, err := c2.get(ctx, srv.URL+"/index/list", 1000, true); err != nil || string(b) != body || notModified.Load() != 3 {
		t.Errorf("second client: %q, %v, %d 304s", b, err, notModified.Load())
	}
}
