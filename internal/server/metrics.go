package server

import (
	"fmt"
	"net/http"
	"runtime"
	"sort"
	"sync"
	"time"
)

// metrics are hand-written Prometheus counters: requests and their total
// duration by route and status.
type metrics struct {
	mu    sync.Mutex
	start time.Time
	reqs  map[metricKey]*metricVal
}

type metricKey struct {
	route  string
	status int
}

type metricVal struct {
	count   int64
	seconds float64
}

func newMetrics() *metrics {
	return &metrics{start: time.Now(), reqs: map[metricKey]*metricVal{}}
}

func (m *metrics) observe(route string, status int, d time.Duration) {
	if route == "" {
		route = "none"
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	k := metricKey{route, status}
	v := m.reqs[k]
	if v == nil {
		v = &metricVal{}
		m.reqs[k] = v
	}
	v.count++
	v.seconds += d.Seconds()
}

func (s *Server) serveMetrics(w http.ResponseWriter, r *http.Request) error {
	m := s.metrics
	m.mu.Lock()
	keys := make([]metricKey, 0, len(m.reqs))
	for k := range m.reqs {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		return keys[i].route < keys[j].route || keys[i].route == keys[j].route && keys[i].status < keys[j].status
	})
	w.Header().Set("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
	fmt.Fprintln(w, "# HELP ccan_http_requests_total HTTP requests by route and status.")
	fmt.Fprintln(w, "# TYPE ccan_http_requests_total counter")
	for _, k := range keys {
		fmt.Fprintf(w, "ccan_http_requests_total{route=%q,status=\"%d\"} %d\n", k.route, k.status, m.reqs[k].count)
	}
	fmt.Fprintln(w, "# HELP ccan_http_request_seconds_total Time spent serving requests.")
	fmt.Fprintln(w, "# TYPE ccan_http_request_seconds_total counter")
	for _, k := range keys {
		fmt.Fprintf(w, "ccan_http_request_seconds_total{route=%q,status=\"%d\"} %g\n", k.route, k.status, m.reqs[k].seconds)
	}
	m.mu.Unlock()
	fmt.Fprintf(w, "# TYPE ccan_uptime_seconds gauge\nccan_uptime_seconds %g\n", time.Since(m.start).Seconds())
	if c := s.cache; c != nil {
		fmt.Fprintf(w, "# TYPE ccan_page_cache_hits_total counter\nccan_page_cache_hits_total %d\n", c.hits.Load())
		fmt.Fprintf(w, "# TYPE ccan_page_cache_misses_total counter\nccan_page_cache_misses_total %d\n", c.miss.Load())
		c.mu.RLock()
		fmt.Fprintf(w, "# TYPE ccan_page_cache_bytes gauge\nccan_page_cache_bytes %d\n", c.size)
		c.mu.RUnlock()
	}
	fmt.Fprintf(w, "# TYPE go_goroutines gauge\ngo_goroutines %d\n", runtime.NumGoroutine())
	if c, err := s.cfg.Store.Counts(r.Context()); err == nil {
		fmt.Fprintf(w, "# TYPE ccan_modules gauge\nccan_modules %d\n", c.Modules)
		fmt.Fprintf(w, "# TYPE ccan_module_versions gauge\nccan_module_versions %d\n", c.Versions)
	}
	return nil
}

func (s *Server) serveHealth(w http.ResponseWriter, r *http.Request) error {
	if _, err := s.cfg.Store.Counts(r.Context()); err != nil {
		return err
	}
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	fmt.Fprintln(w, "ok")
	return nil
}
