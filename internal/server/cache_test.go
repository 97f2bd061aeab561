package server

import (
	"compress/gzip"
	"context"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/ccan-archive/ccan/internal/store"
)

func TestPageCache(t *testing.T) {
	s, st := newTestServer(t)
	ctx := context.Background()
	first := get(t, s, "/m/list")
	if !strings.Contains(first.Body.String(), "Not linted yet") {
		t.Fatal("list is linted already")
	}
	if hits := s.cache.hits.Load(); hits != 0 {
		t.Fatalf("hits after the first request = %d", hits)
	}
	second := get(t, s, "/m/list")
	if s.cache.hits.Load() != 1 || second.Body.String() != first.Body.String() {
		t.Fatalf("second request: hits %d, same body %v", s.cache.hits.Load(), second.Body.String() == first.Body.String())
	}
	if etag := second.Header().Get("ETag"); etag == "" || second.Header().Get("Content-Type") != first.Header().Get("Content-Type") {
		t.Errorf("cached headers: %v", second.Header())
	}
	if w := get(t, s, "/m/list", "If-None-Match", second.Header().Get("ETag")); w.Code != http.StatusNotModified {
		t.Errorf("conditional cached page = %d, want 304", w.Code)
	}

	// A write through the invalidating writer shows at once.
	mv, err := st.GetModule(ctx, "list", "")
	if err != nil {
		t.Fatal(err)
	}
	res := &store.LintResult{Score: 1, Total: 2, Checks: []*store.LintCheck{{Key: "info_exists", Title: "has _info", Status: "pass", Score: 1, Total: 2}}}
	if err := s.InvalidatingWriter(st).SetLint(ctx, mv.Name, mv.Version, res); err != nil {
		t.Fatal(err)
	}
	if body := get(t, s, "/m/list").Body.String(); !strings.Contains(body, "has _info") {
		t.Error("page after SetLint through InvalidatingWriter is stale")
	}

	// gzip from the cache.
	w := get(t, s, "/m/list", "Accept-Encoding", "gzip")
	if w.Header().Get("Content-Encoding") != "gzip" {
		t.Fatalf("cached page not gzipped: %v", w.Header())
	}
	zr, err := gzip.NewReader(w.Body)
	if err != nil {
		t.Fatal(err)
	}
	if b, _ := io.ReadAll(zr); !strings.Contains(string(b), "has _info") {
		t.Error("gunzipped cached page differs")
	}

	// Errors, downloads and the metrics are never cached.
	for _, u := range []string{"/m/nosuch", "/metrics", "/download/" + mv.ContentSHA256 + "/list.tar.gz"} {
		before := s.cache.hits.Load()
		get(t, s, u)
		get(t, s, u)
		if s.cache.hits.Load() != before {
			t.Errorf("GET %s came from the cache", u)
		}
	}
	if m := get(t, s, "/metrics").Body.String(); !strings.Contains(m, `route="GET /m/{path...}"`) || !strings.Contains(m, "ccan_page_cache_hits_total") {
		t.Errorf("metrics lack the module route or cache counters:\n%s", m)
	}
}
