package server

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/ccan-archive/ccan/internal/auth"
	"github.com/ccan-archive/ccan/internal/store"
	"github.com/ccan-archive/ccan/internal/store/storetest"
)

// login posts the log-in form from a fresh browser.
func (s *site) login(login, password string) *http.Response {
	s.t.Helper()
	_, body, hdr := s.fetch("/login")
	pre := cookieOf(&http.Response{Header: hdr}, preCookie)
	m := csrfRE.FindStringSubmatch(body)
	if pre == nil || m == nil {
		s.t.Fatal("GET /login: no pre-session cookie or form token")
	}
	form := url.Values{"login": {login}, "password": {password}, csrfField: {m[1]}}
	req, _ := http.NewRequest("POST", s.ts.URL+"/login", strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.AddCookie(pre)
	resp, err := (&http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}).Do(req)
	if err != nil {
		s.t.Fatal(err)
	}
	resp.Body.Close()
	return resp
}

func TestSessionLifecycle(t *testing.T) {
	s := newSite(t, nil)
	a := s.register("alice")
	sess := &http.Cookie{Name: sessionCookie, Value: a.session}

	// A wrong password, an unknown user: 401 and the form again.
	for _, c := range [][2]string{{"alice", "wrong-password"}, {"nobody", "password-alice"}} {
		if resp := s.login(c[0], c[1]); resp.StatusCode != http.StatusUnauthorized || cookieOf(resp, sessionCookie) != nil {
			t.Errorf("log in as %s/%s = %d", c[0], c[1], resp.StatusCode)
		}
	}
	// By name or email; the cookie is locked down.
	for _, login := range []string{"alice", "Alice@Example.com"} {
		resp := s.login(login, "password-alice")
		c := cookieOf(resp, sessionCookie)
		if resp.StatusCode != http.StatusSeeOther || c == nil || resp.Header.Get("Location") != "/account" {
			t.Fatalf("log in as %s = %d, cookie %v", login, resp.StatusCode, c)
		}
		if !c.HttpOnly || c.SameSite != http.SameSiteLaxMode || c.Secure || c.MaxAge <= 0 || c.Value == a.session {
			t.Errorf("session cookie %+v: want HttpOnly, SameSite=Lax, not Secure on http, a max age, a new id", c)
		}
	}
	// Every page's header names the user and offers to log out.
	for _, path := range []string{"/", "/modules", "/search?q=x", "/nonexistent"} {
		_, body, hdr := s.fetch(path, sess)
		if !strings.Contains(body, `class="username">alice<`) || !strings.Contains(body, `action="/logout"`) {
			t.Errorf("%s: header lacks the user and log-out form", path)
		}
		if cc := hdr.Get("Cache-Control"); !strings.Contains(cc, "no-store") {
			t.Errorf("%s: logged-in page has Cache-Control %q", path, cc)
		}
	}
	// ...and anonymous pages (served from the same page cache) do not.
	if _, body, _ := s.fetch("/modules"); strings.Contains(body, "alice") || !strings.Contains(body, `href="/login"`) {
		t.Error("anonymous /modules: names a user, or has no log-in link")
	}

	// Log out: the session is gone from the store.
	if resp := s.do(a, request{method: "POST", path: "/logout", form: url.Values{}}); resp.StatusCode != http.StatusSeeOther ||
		cookieOf(resp, sessionCookie) == nil || cookieOf(resp, sessionCookie).MaxAge >= 0 {
		t.Fatalf("log out = %d, %v", resp.StatusCode, resp.Cookies())
	}
	if code, _, hdr := s.fetch("/account", sess); code != http.StatusSeeOther || !strings.HasPrefix(hdr.Get("Location"), "/login") {
		t.Errorf("/account with a logged-out session = %d %s, want a redirect to /login", code, hdr.Get("Location"))
	}
	hash, _ := auth.ParseSessionID(a.session)
	if _, err := s.st.GetSession(context.Background(), hash); err == nil {
		t.Error("session still stored after logging out")
	}
}

func TestSecureCookieBehindHTTPS(t *testing.T) {
	s := newSite(t, func(c *Config) { c.BaseURL = "https://ccan.example.org" })
	_, _, hdr := s.fetch("/login")
	if c := cookieOf(&http.Response{Header: hdr}, preCookie); c == nil || !c.Secure || !c.HttpOnly {
		t.Errorf("pre-session cookie with an https BaseURL: %+v; want Secure, HttpOnly", c)
	}
}

func TestRegisterRefusals(t *testing.T) {
	s := newSite(t, nil)
	s.register("alice")
	_, body, hdr := s.fetch("/register")
	pre := cookieOf(&http.Response{Header: hdr}, preCookie)
	tok := csrfRE.FindStringSubmatch(body)[1]
	post := func(name, email, pw, pw2 string) (int, string) {
		form := url.Values{"name": {name}, "email": {email}, "password": {pw}, "password2": {pw2}, csrfField: {tok}}
		req, _ := http.NewRequest("POST", s.ts.URL+"/register", strings.NewReader(form.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.AddCookie(pre)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
	for _, c := range []struct {
		name, email, pw, pw2 string
		status               int
	}{
		{"alice", "other@example.com", "long enough", "long enough", http.StatusConflict},
		{"bob", "ALICE@example.com", "long enough", "long enough", http.StatusConflict},
		{"b", "b@example.com", "long enough", "long enough", http.StatusBadRequest},
		{"bob", "not-an-email", "long enough", "long enough", http.StatusBadRequest},
		{"bob", "bob@example.com", "short", "short", http.StatusBadRequest},
		{"bob", "bob@example.com", "long enough", "long enougH", http.StatusBadRequest},
	} {
		if code, body := post(c.name, c.email, c.pw, c.pw2); code != c.status || !strings.Contains(body, "form-error") {
			t.Errorf("register %+v = %d, want %d with a message", c, code, c.status)
		}
	}
	// Without the pre-session cookie's token: refused.
	req, _ := http.NewRequest("POST", s.ts.URL+"/register", strings.NewReader("name=eve&email=eve%40example.com&password=xxxxxxxxxx&password2=xxxxxxxxxx"))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	if resp, _ := http.DefaultClient.Do(req); resp.StatusCode != http.StatusForbidden {
		t.Errorf("register without a form token = %d, want 403", resp.StatusCode)
	}
}

func TestTokenShownOnce(t *testing.T) {
	s := newSite(t, nil)
	a := s.register("alice")
	ctx := context.Background()
	if err := s.st.ClaimModule(ctx, "mine", s.user("alice").ID); err != nil {
		t.Fatal(err)
	}
	if err := s.st.InsertModuleVersion(ctx, storetest.Module("mine", "1")); err != nil {
		t.Fatal(err)
	}
	sess := &http.Cookie{Name: sessionCookie, Value: a.session}
	form := url.Values{"name": {"laptop"}, "scope": {"yank"}, "days": {"7"}, csrfField: {a.csrf}}
	req, _ := http.NewRequest("POST", s.ts.URL+"/account/tokens", strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.AddCookie(sess)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	tok := regexp.MustCompile(`ccan_[a-z2-7]{60}`).FindString(string(b))
	if resp.StatusCode != http.StatusCreated || tok == "" || resp.Header.Get("Cache-Control") == "" ||
		!strings.Contains(resp.Header.Get("Cache-Control"), "no-store") {
		t.Fatalf("create token = %d, token %q, Cache-Control %q", resp.StatusCode, tok, resp.Header.Get("Cache-Control"))
	}
	_, page, _ := s.fetch("/account", sess)
	if strings.Contains(page, tok) || !strings.Contains(page, "laptop") || !strings.Contains(page, tok[:13]) || !strings.Contains(page, "never") {
		t.Errorf("/account: the secret is shown again, or the token (name, prefix, never used) is missing")
	}
	// The token works for yanking, and its last use shows.
	y := s.do(actor{bearer: tok}, request{method: "POST", path: "/api/yank", json: map[string]any{"name": "mine", "version": "1"}})
	if y.StatusCode != http.StatusOK {
		t.Fatalf("yank with the new token = %d", y.StatusCode)
	}
	if _, page, _ = s.fetch("/account", sess); strings.Contains(page, "never") {
		t.Error("last use not shown after using the token")
	}
	// Bad token forms: no scope, unknown scope.
	for _, f := range []url.Values{{"name": {"x"}}, {"name": {"x"}, "scope": {"admin"}}, {"name": {""}, "scope": {"yank"}}} {
		f.Set(csrfField, a.csrf)
		req, _ := http.NewRequest("POST", s.ts.URL+"/account/tokens", strings.NewReader(f.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.AddCookie(sess)
		if resp, _ := http.DefaultClient.Do(req); resp.StatusCode != http.StatusBadRequest {
			t.Errorf("create token %v = %d, want 400", f, resp.StatusCode)
		}
	}
}

// TestYankResolution checks what a yank changes on the site: the latest
// version everywhere, the index line, and the exact version still served.
func TestYankResolution(t *testing.T) {
	s := newSite(t, nil)
	ctx := context.Background()
	for _, v := range []string{"1", "2"} {
		if err := s.st.InsertModuleVersion(ctx, storetest.Module("mine", v)); err != nil {
			t.Fatal(err)
		}
	}
	if _, body, _ := s.fetch("/api/module/mine"); !strings.Contains(body, `"version": "2"`) { // fill the page cache
		t.Fatalf("latest before the yank: %.200s", body)
	}
	if err := s.st.SetYanked(ctx, "mine", "2", true); err != nil {
		t.Fatal(err)
	}
	s.srv.Invalidate()
	var mv store.ModuleVersion
	_, body, _ := s.fetch("/api/module/mine")
	if err := json.Unmarshal([]byte(body), &mv); err != nil || mv.Version != "1" || mv.Yanked {
		t.Errorf("/api/module/mine after yanking 2 = %s %v, %v", mv.Version, mv.Yanked, err)
	}
	if _, body, _ := s.fetch("/api/module/mine?version=2"); !strings.Contains(body, `"yanked": true`) {
		t.Errorf("exact yanked version: %.300s", body)
	}
	_, body, _ = s.fetch("/index/mine")
	lines := strings.Split(strings.TrimSpace(body), "\n")
	if len(lines) != 2 || strings.Contains(lines[0], "yanked") || !strings.Contains(lines[1], `"yanked":true`) {
		t.Errorf("/index/mine:\n%s\nwant version 2 (last line) marked yanked", body)
	}
	if code, body, _ := s.fetch("/m/mine@2"); code != 200 || !strings.Contains(body, "was yanked") {
		t.Errorf("/m/mine@2 = %d, no yank note", code)
	}
	if _, body, _ := s.fetch("/m/mine"); !strings.Contains(body, `badge yanked`) || strings.Contains(body, "was yanked") {
		t.Error("/m/mine: want version 2 marked yanked in the list, latest (1) not")
	}
}

func TestOwnersOnModulePage(t *testing.T) {
	s := newSite(t, nil)
	ctx := context.Background()
	a, b := s.register("alice"), s.register("bob")
	if err := s.st.ClaimModule(ctx, "mine", s.user("alice").ID); err != nil {
		t.Fatal(err)
	}
	if err := s.st.InsertModuleVersion(ctx, storetest.Module("mine", "1")); err != nil {
		t.Fatal(err)
	}
	_, anon, _ := s.fetch("/m/mine")
	_, own, _ := s.fetch("/m/mine", &http.Cookie{Name: sessionCookie, Value: a.session})
	_, other, _ := s.fetch("/m/mine", &http.Cookie{Name: sessionCookie, Value: b.session})
	if !strings.Contains(anon, "<dd>alice</dd>") || strings.Contains(anon, "/-/yank") {
		t.Error("anonymous module page: want the owner listed, no yank form")
	}
	if !strings.Contains(own, `action="/m/mine@1/-/yank"`) || !strings.Contains(own, a.csrf) {
		t.Error("owner's module page: no yank form with the form token")
	}
	if strings.Contains(other, "/-/yank") {
		t.Error("a stranger sees the yank form")
	}
	if _, page, _ := s.fetch("/m/mine/-/maintainers", &http.Cookie{Name: sessionCookie, Value: a.session}); !strings.Contains(page, "Add a maintainer") {
		t.Error("owner's maintainers page has no add form")
	}
	if _, page, _ := s.fetch("/m/mine/-/maintainers", &http.Cookie{Name: sessionCookie, Value: b.session}); strings.Contains(page, "Add a maintainer") {
		t.Error("a stranger's maintainers page has the add form")
	}
	_, body, _ := s.fetch("/api/owners/mine")
	if !strings.Contains(body, `"user": "alice"`) || !strings.Contains(body, `"role": "owner"`) {
		t.Errorf("/api/owners/mine = %s", body)
	}
	if resp := s.do(a, request{method: "POST", path: "/m/mine/-/maintainers", form: url.Values{"user": {"nobody"}}}); resp.StatusCode != http.StatusNotFound {
		t.Errorf("adding an unknown user = %d, want 404", resp.StatusCode)
	}
}

func TestLoginRateLimit(t *testing.T) {
	s := newSite(t, func(c *Config) {
		c.Auth.LoginPerIP = auth.Rate{Every: time.Hour, Burst: 4}
	})
	s.register("alice") // registering counts as an attempt: 3 left
	for i := range 3 {
		if resp := s.login("alice", "wrong"); resp.StatusCode != http.StatusUnauthorized {
			t.Fatalf("attempt %d = %d, want 401", i+1, resp.StatusCode)
		}
	}
	resp := s.login("alice", "password-alice") // right, but too many attempts
	ra, _ := strconv.Atoi(resp.Header.Get("Retry-After"))
	if resp.StatusCode != http.StatusTooManyRequests || ra < 3000 || ra > 3600 || cookieOf(resp, sessionCookie) != nil {
		t.Errorf("4th attempt = %d, Retry-After %q; want 429 with about an hour", resp.StatusCode, resp.Header.Get("Retry-After"))
	}
}

func TestLoginRateLimitPerAccount(t *testing.T) {
	s := newSite(t, func(c *Config) {
		c.Auth.LoginPerIP = auth.Rate{Every: time.Millisecond, Burst: 1000}
		c.Auth.LoginPerAccount = auth.Rate{Every: time.Hour, Burst: 2}
	})
	s.register("alice")
	s.register("bob")
	for range 2 {
		s.login("alice", "wrong")
	}
	if resp := s.login("ALICE", "password-alice"); resp.StatusCode != http.StatusTooManyRequests || resp.Header.Get("Retry-After") == "" {
		t.Errorf("3rd attempt on alice = %d, want 429 with Retry-After", resp.StatusCode)
	}
	if resp := s.login("bob", "password-bob"); resp.StatusCode != http.StatusSeeOther {
		t.Errorf("bob, from the same address = %d, want 303: the limit is per account", resp.StatusCode)
	}
}

func TestUploadRateLimit(t *testing.T) {
	s := newSite(t, func(c *Config) {
		c.Auth.UploadPerIP = auth.Rate{Every: time.Hour, Burst: 2}
		c.Auth.UploadPerAccount = auth.Rate{Every: time.Hour, Burst: 3}
	})
	alice, bob := &store.User{Name: "alice"}, &store.User{Name: "bob"}
	from := func(addr string) *http.Request {
		r := httptest.NewRequest("POST", "/upload", nil)
		r.RemoteAddr = addr
		return r
	}
	steps := []struct {
		addr string
		u    *store.User
		ok   bool
	}{
		{"10.0.0.1:1", alice, true},
		{"10.0.0.1:2", alice, true},
		{"10.0.0.1:3", bob, false},                       // the address's burst is spent
		{"10.0.0.2:1", alice, true},                      // another address
		{"10.0.0.3:1", alice, false},                     // alice's burst (3) is spent
		{"[2001:db8::1]:1", bob, true},                   // IPv6 ...
		{"[2001:db8::2]:1", bob, true},                   //
		{"[2001:db8::3]:1", bob, false},                  // ... limited per /64
		{"[::ffff:10.0.0.2]:1", bob, true},               // IPv4-mapped is the IPv4 address: its 2nd ...
		{"10.0.0.2:9", &store.User{Name: "dave"}, false}, // ... so 10.0.0.2 is spent now
		{"[2001:db8:0:1::1]:1", &store.User{Name: "carol"}, true},
	}
	for i, st := range steps {
		err := s.srv.allowUpload(from(st.addr), st.u)
		if (err == nil) != st.ok {
			t.Errorf("step %d (%s, %s): %v, want allowed %v", i, st.addr, st.u.Name, err, st.ok)
		}
		if err != nil && !strings.Contains(err.Error(), "try again") {
			t.Errorf("step %d: %v", i, err)
		}
	}
}

func TestAccountsOff(t *testing.T) {
	s := newSite(t, func(c *Config) { c.Accounts = nil })
	for _, path := range []string{"/login", "/register", "/account", "/m/x/-/maintainers", "/api/owners/x"} {
		if code, _, _ := s.fetch(path); code != http.StatusNotFound {
			t.Errorf("GET %s without accounts = %d, want 404", path, code)
		}
	}
	if resp := s.do(actor{}, request{method: "POST", path: "/api/yank", json: map[string]any{"name": "x", "version": "1"}}); resp.StatusCode != http.StatusNotFound {
		t.Errorf("POST /api/yank without accounts = %d, want 404", resp.StatusCode)
	}
	if _, body, _ := s.fetch("/"); strings.Contains(body, `href="/login"`) {
		t.Error("log-in link shown without accounts")
	}
}

// TestAuthGarbage checks that malformed credentials are clean refusals.
func TestAuthGarbage(t *testing.T) {
	s := newSite(t, nil)
	for _, h := range []string{"Bearer", "Bearer ", "Basic dXNlcjpwYXNz", "bearer ccan_" + strings.Repeat("a", 60), "Bearer \x00", "Token x"} {
		req, _ := http.NewRequest("POST", s.ts.URL+"/api/yank", strings.NewReader(`{"name":"x","version":"1"}`))
		req.Header.Set("Authorization", h)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			continue // the client refuses some header values
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusUnauthorized {
			t.Errorf("Authorization %q = %d, want 401", h, resp.StatusCode)
		}
	}
	for _, v := range []string{"", "x", strings.Repeat("A", 43), "%00"} {
		if code, _, _ := s.fetch("/account", &http.Cookie{Name: sessionCookie, Value: v}); code != http.StatusSeeOther {
			t.Errorf("/account with session cookie %q = %d, want a redirect to log in", v, code)
		}
	}
}
