package server

import (
	"bytes"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ccan-archive/ccan/internal/auth"
	"github.com/ccan-archive/ccan/internal/clientip"
)

// syncBuffer is a log destination the server and the test share.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.String()
}

// loginVia posts a log-in form (an unknown user: 401 unless rate
// limited) as a proxy would forward it, with X-Forwarded-For xff.
func (s *site) loginVia(xff, login string) int {
	s.t.Helper()
	_, body, hdr := s.fetch("/login")
	pre := cookieOf(&http.Response{Header: hdr}, preCookie)
	m := csrfRE.FindStringSubmatch(body)
	if pre == nil || m == nil {
		s.t.Fatal("GET /login: no pre-session cookie or form token")
	}
	form := url.Values{"login": {login}, "password": {"wrong"}, csrfField: {m[1]}}
	req, _ := http.NewRequest("POST", s.ts.URL+"/login", strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("X-Forwarded-For", xff)
	req.AddCookie(pre)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		s.t.Fatal(err)
	}
	resp.Body.Close()
	return resp.StatusCode
}

// TestTrustedProxyRateLimit runs the real server on loopback, as a
// reverse proxy on the same host would reach it: with 127.0.0.0/8
// trusted, clients named by X-Forwarded-For have their own log-in
// buckets; without, the header is ignored and they share the proxy's.
func TestTrustedProxyRateLimit(t *testing.T) {
	const a, b = "198.51.100.1", "203.0.113.2"
	steps := []struct {
		xff                 string
		trusted, notTrusted int // status with and without --trusted-proxy
	}{
		{a, 401, 401},
		{a, 401, 401},
		{a, 429, 429},                   // a's burst (2) is spent ...
		{b, 401, 429},                   // ... b has its own only behind a trusted proxy
		{"9.9.9.9, " + a, 429, 429},     // a spoofed leftmost entry does not escape a's bucket
		{"10.0.0.1, " + b, 401, 429},    // b's second attempt
		{"garbage, " + b, 429, 429},     // b's burst is spent
		{"2001:db8::1", 401, 429},       // an IPv6 client ...
		{"[2001:db8::2]:443", 401, 429}, // ... its /64 ...
		{"2001:db8::3", 429, 429},       // ... is spent
	}
	for _, trusted := range []bool{true, false} {
		logs := &syncBuffer{}
		s := newSite(t, func(c *Config) {
			c.Auth.LoginPerIP = auth.Rate{Every: time.Hour, Burst: 2}
			c.Log = slog.New(slog.NewTextHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
			if trusted {
				p, err := clientip.ParseProxies("127.0.0.0/8")
				if err != nil {
					t.Fatal(err)
				}
				c.TrustedProxies = p
			}
		})
		for i, st := range steps {
			want := st.notTrusted
			if trusted {
				want = st.trusted
			}
			if got := s.loginVia(st.xff, "nobody"+string(rune('a'+i))); got != want {
				t.Errorf("trusted %v, step %d (X-Forwarded-For %q) = %d, want %d", trusted, i, st.xff, got, want)
			}
		}
		s.ts.Close() // waits for the handlers: every request is logged
		// The request log names the client the limiter saw.
		for _, c := range []string{a, b, "2001:db8::2"} {
			if has := strings.Contains(logs.String(), "client="+c); has != trusted {
				t.Errorf("trusted %v: request log has client=%s: %v\n%s", trusted, c, has, logs.String())
			}
		}
		if !trusted && !strings.Contains(logs.String(), "client=127.0.0.1") {
			t.Errorf("untrusted: request log lacks client=127.0.0.1\n%s", logs.String())
		}
	}
}
