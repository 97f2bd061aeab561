package server

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"runtime/debug"
	"strings"
	"time"

	"github.com/ccan-archive/ccan/internal/derrors"
)

// handlerFunc is a handler that returns its error instead of writing it.
type handlerFunc func(w http.ResponseWriter, r *http.Request) error

// route wraps h: its error goes to serveError, and its pattern labels
// the request for metrics.
func (s *Server) route(pattern string, h handlerFunc) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		noteRoute(w, pattern)
		if err := h(w, r); err != nil {
			s.serveError(w, r, err)
		}
	})
}

// serveError writes err's status and message. 5xx details are logged and
// hidden from the user; 4xx messages are shown (derrors.Message: what
// went wrong, not the functions it went through).
func (s *Server) serveError(w http.ResponseWriter, r *http.Request, err error) {
	status := derrors.HTTPStatus(err)
	if errors.Is(err, context.DeadlineExceeded) {
		status = http.StatusServiceUnavailable
	}
	msg := derrors.Message(err) // without the wrap chain, which is for logs
	if status >= 500 {
		s.log.Error("request failed", "method", r.Method, "path", r.URL.Path, "status", status, "err", err)
		msg = http.StatusText(status)
	}
	if headerWritten(w) {
		return // too late to change the response
	}
	w.Header().Del("Content-Encoding")
	w.Header().Set("Cache-Control", "no-store")
	setAuthHeaders(w, r, err)
	if strings.HasPrefix(r.URL.Path, "/api/") || strings.HasPrefix(r.URL.Path, "/index/") {
		writeJSONStatus(w, status, map[string]any{"error": msg, "status": status})
		return
	}
	s.render(w, r, status, "error", &page{Title: http.StatusText(status), Data: errorData{Status: status, Message: msg}})
}

type errorData struct {
	Status  int
	Message string
}

func (s *Server) serveNotFound(w http.ResponseWriter, r *http.Request) error {
	return derrors.Errorf(derrors.NotFound, "no page at %s", r.URL.Path)
}

func writeJSONStatus(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.Encode(v)
}

// middleware adds, outside in: panic recovery, metrics and the request
// log, the per-request timeout, the page cache, and gzip.
func (s *Server) middleware(mux http.Handler) http.Handler {
	h := gzipHandler(mux)
	if s.cache != nil {
		h = s.cache.handler(mux, h)
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		rec := &recorder{ResponseWriter: w, status: http.StatusOK}
		defer func() {
			if v := recover(); v != nil {
				s.log.Error("panic", "path", r.URL.Path, "panic", fmt.Sprint(v), "stack", string(debug.Stack()))
				if !rec.wrote {
					http.Error(rec, "internal error", http.StatusInternalServerError)
				}
				rec.status = http.StatusInternalServerError
			}
			d := time.Since(start)
			s.metrics.observe(rec.route, rec.status, d)
			s.log.Debug("request", "method", r.Method, "path", r.URL.Path, "status", rec.status, "dur", d, "client", s.clientLogValue(r))
		}()
		ctx, cancel := context.WithTimeout(r.Context(), s.cfg.Timeout)
		defer cancel()
		h.ServeHTTP(rec, r.WithContext(ctx))
	})
}

// clientLogValue is r's client for the request log: clientAddr, as the
// rate limits see it, or the peer as given when it is no IP address.
func (s *Server) clientLogValue(r *http.Request) string {
	if addr, ok := s.clientAddr(r); ok {
		return addr.String()
	}
	return r.RemoteAddr
}

// recorder remembers the status and route of a response.
type recorder struct {
	http.ResponseWriter
	status int
	wrote  bool
	route  string
}

func (r *recorder) WriteHeader(code int) {
	if !r.wrote {
		r.status, r.wrote = code, true
	}
	r.ResponseWriter.WriteHeader(code)
}

func (r *recorder) Write(b []byte) (int, error) {
	r.wrote = true
	return r.ResponseWriter.Write(b)
}

func (r *recorder) Unwrap() http.ResponseWriter { return r.ResponseWriter }

func (r *recorder) noteRoute(pattern string) { r.route = pattern }
func (r *recorder) headerWritten() bool      { return r.wrote }

// noteRoute labels w's request with its route pattern, for metrics,
// looking through wrappers such as gzip for the writer that keeps it.
func noteRoute(w http.ResponseWriter, pattern string) {
	if n, ok := unwrapTo[interface{ noteRoute(string) }](w); ok {
		n.noteRoute(pattern)
	}
}

// headerWritten reports whether w's status line was already sent.
func headerWritten(w http.ResponseWriter) bool {
	hw, ok := unwrapTo[interface{ headerWritten() bool }](w)
	return ok && hw.headerWritten()
}

// unwrapTo finds the first writer in w's Unwrap chain that is a T.
func unwrapTo[T any](w http.ResponseWriter) (T, bool) {
	for {
		if t, ok := w.(T); ok {
			return t, true
		}
		u, ok := w.(interface{ Unwrap() http.ResponseWriter })
		if !ok {
			var zero T
			return zero, false
		}
		w = u.Unwrap()
	}
}
