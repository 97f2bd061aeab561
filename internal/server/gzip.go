package server

import (
	"compress/gzip"
	"net/http"
	"strings"
	"sync"
)

// gzipHandler compresses text responses (HTML, CSS, JSON, Atom, plain
// text) for clients that accept gzip. Downloads (already gzipped) and
// ranged responses pass through untouched.
func gzipHandler(h http.Handler) http.Handler {
	pool := &sync.Pool{New: func() any { w, _ := gzip.NewWriterLevel(nil, gzip.BestSpeed); return w }}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Add("Vary", "Accept-Encoding")
		if !acceptsGzip(r) {
			h.ServeHTTP(w, r)
			return
		}
		gw := &gzipWriter{ResponseWriter: w, pool: pool}
		defer gw.close()
		h.ServeHTTP(gw, r)
	})
}

func acceptsGzip(r *http.Request) bool {
	for _, part := range strings.Split(r.Header.Get("Accept-Encoding"), ",") {
		enc, q, _ := strings.Cut(strings.TrimSpace(part), ";")
		if strings.TrimSpace(enc) == "gzip" && strings.TrimSpace(q) != "q=0" {
			return true
		}
	}
	return false
}

type gzipWriter struct {
	http.ResponseWriter
	pool    *sync.Pool
	zw      *gzip.Writer
	decided bool
}

func compressible(h http.Header) bool {
	ct := h.Get("Content-Type")
	if h.Get("Content-Encoding") != "" || h.Get("Content-Range") != "" {
		return false
	}
	for _, p := range []string{"text/", "application/json", "application/atom+xml", "application/x-ndjson"} {
		if strings.HasPrefix(ct, p) {
			return true
		}
	}
	return false
}

func (g *gzipWriter) WriteHeader(code int) {
	if !g.decided {
		g.decided = true
		if code != http.StatusNoContent && code != http.StatusNotModified && compressible(g.Header()) {
			g.Header().Set("Content-Encoding", "gzip")
			g.Header().Del("Content-Length")
			g.zw = g.pool.Get().(*gzip.Writer)
			g.zw.Reset(g.ResponseWriter)
		}
	}
	g.ResponseWriter.WriteHeader(code)
}

func (g *gzipWriter) Write(b []byte) (int, error) {
	if !g.decided {
		if g.Header().Get("Content-Type") == "" {
			g.Header().Set("Content-Type", http.DetectContentType(b))
		}
		g.WriteHeader(http.StatusOK)
	}
	if g.zw != nil {
		return g.zw.Write(b)
	}
	return g.ResponseWriter.Write(b)
}

func (g *gzipWriter) close() {
	if g.zw != nil {
		g.zw.Close()
		g.pool.Put(g.zw)
	}
}

func (g *gzipWriter) Unwrap() http.ResponseWriter { return g.ResponseWriter }
