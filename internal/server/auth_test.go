package server

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/ccan-archive/ccan/internal/auth"
	"github.com/ccan-archive/ccan/internal/blob/fsblob"
	"github.com/ccan-archive/ccan/internal/store"
	"github.com/ccan-archive/ccan/internal/store/sqlite"
	"github.com/ccan-archive/ccan/internal/store/storetest"
)

// cheapPasswords keeps argon2id fast in tests (64 KiB, one pass).
var cheapPasswords = auth.Params{Time: 1, Memory: 64, Threads: 1}

// site is a real server over a real SQLite file, on loopback.
type site struct {
	t   *testing.T
	srv *Server
	st  store.Store
	ts  *httptest.Server
}

func newSite(t *testing.T, mod func(*Config)) *site {
	t.Helper()
	dir := t.TempDir()
	st, err := sqlite.Open(context.Background(), filepath.Join(dir, "ccan.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	bs, err := fsblob.New(filepath.Join(dir, "blobs"))
	if err != nil {
		t.Fatal(err)
	}
	cfg := Config{Store: st, Blobs: bs, Log: slog.New(slog.DiscardHandler), Accounts: st, Auth: AuthConfig{Password: cheapPasswords}}
	if mod != nil {
		mod(&cfg)
	}
	srv, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv)
	t.Cleanup(ts.Close)
	return &site{t: t, srv: srv, st: st, ts: ts}
}

// request is one HTTP request as an actor sends it.
type request struct {
	method, path string
	form         url.Values // a form post (the actor adds csrf)
	json         any        // or a JSON body (the actor adds X-CSRF-Token)
}

// actor is who sends a request and how.
type actor struct {
	name      string
	session   string // session cookie value
	csrf      string // form token sent with the request
	bearer    string // API token
	crossSite bool   // sent by a browser from another site
}

func (s *site) do(a actor, rq request) *http.Response {
	s.t.Helper()
	var body io.Reader
	ctype := ""
	switch {
	case rq.json != nil:
		b, _ := json.Marshal(rq.json)
		body, ctype = strings.NewReader(string(b)), "application/json"
	case rq.form != nil:
		f := url.Values{}
		for k, v := range rq.form {
			f[k] = v
		}
		if a.csrf != "" {
			f.Set(csrfField, a.csrf)
		}
		body, ctype = strings.NewReader(f.Encode()), "application/x-www-form-urlencoded"
	}
	req, err := http.NewRequest(rq.method, s.ts.URL+rq.path, body)
	if err != nil {
		s.t.Fatal(err)
	}
	if ctype != "" {
		req.Header.Set("Content-Type", ctype)
	}
	if rq.json != nil && a.csrf != "" {
		req.Header.Set(csrfHeader, a.csrf)
	}
	if a.session != "" {
		req.AddCookie(&http.Cookie{Name: sessionCookie, Value: a.session})
	}
	if a.bearer != "" {
		req.Header.Set("Authorization", "Bearer "+a.bearer)
	}
	if a.crossSite {
		req.Header.Set("Sec-Fetch-Site", "cross-site")
		req.Header.Set("Origin", "https://evil.example")
	}
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := client.Do(req)
	if err != nil {
		s.t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body) // kept for callers that check the page
	resp.Body.Close()
	resp.Body = io.NopCloser(bytes.NewReader(b))
	return resp
}

// fetch GETs path with cookies and returns the status and body.
func (s *site) fetch(path string, cookies ...*http.Cookie) (int, string, http.Header) {
	s.t.Helper()
	req, _ := http.NewRequest("GET", s.ts.URL+path, nil)
	for _, c := range cookies {
		req.AddCookie(c)
	}
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := client.Do(req)
	if err != nil {
		s.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b), resp.Header
}

var csrfRE = regexp.MustCompile(`name="csrf" value="([^"]+)"`)

func cookieOf(resp *http.Response, name string) *http.Cookie {
	for _, c := range resp.Cookies() {
		if c.Name == name {
			return c
		}
	}
	return nil
}

// register signs up through the real form and returns the logged-in actor.
func (s *site) register(name string) actor {
	s.t.Helper()
	_, body, hdr := s.fetch("/register")
	pre := cookieOf(&http.Response{Header: hdr}, preCookie)
	m := csrfRE.FindStringSubmatch(body)
	if pre == nil || m == nil {
		s.t.Fatalf("GET /register: no pre-session cookie or form token")
	}
	form := url.Values{"name": {name}, "email": {name + "@example.com"}, "password": {"password-" + name},
		"password2": {"password-" + name}, csrfField: {m[1]}}
	req, _ := http.NewRequest("POST", s.ts.URL+"/register", strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.AddCookie(pre)
	resp, err := (&http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}).Do(req)
	if err != nil {
		s.t.Fatal(err)
	}
	resp.Body.Close()
	sess := cookieOf(resp, sessionCookie)
	if resp.StatusCode != http.StatusSeeOther || sess == nil {
		s.t.Fatalf("POST /register %s = %d, session cookie %v", name, resp.StatusCode, sess)
	}
	_, body, _ = s.fetch("/account", sess)
	m = csrfRE.FindStringSubmatch(body)
	if m == nil || !strings.Contains(body, `class="username">`+name+`<`) {
		s.t.Fatalf("/account after registering %s: no form token or user name in the header:\n%.500s", name, body)
	}
	return actor{name: name, session: sess.Value, csrf: m[1]}
}

func (s *site) user(name string) *store.User {
	s.t.Helper()
	u, err := s.st.GetUser(context.Background(), name)
	if err != nil {
		s.t.Fatal(err)
	}
	return u
}

// token stores an API token for user directly, as the account page
// would, with the given scopes and expiry; revoked revokes it.
func (s *site) token(user string, scopes []string, expires time.Time, revoked bool) string {
	s.t.Helper()
	ctx := context.Background()
	u := s.user(user)
	tok, prefix, hash := auth.NewToken()
	t := &store.Token{UserID: u.ID, Name: fmt.Sprintf("t-%s", prefix), Prefix: prefix, Scopes: scopes, Expires: expires}
	if err := s.st.CreateToken(ctx, t, hash); err != nil {
		s.t.Fatal(err)
	}
	if revoked {
		if err := s.st.RevokeToken(ctx, u.ID, t.ID, time.Now()); err != nil {
			s.t.Fatal(err)
		}
	}
	return tok
}

// TestAuthorizationMatrix sends every action as every actor to a real
// server and checks the exact status and that refused actions changed
// nothing.
func TestAuthorizationMatrix(t *testing.T) {
	s := newSite(t, nil)
	ctx := context.Background()
	owner, comaint, stranger := s.register("olivia"), s.register("mark"), s.register("sam")
	// olivia publishes "mine" (claiming the name first, as uploads do)
	// and adds mark as a co-maintainer.
	if err := s.st.ClaimModule(ctx, "mine", s.user("olivia").ID); err != nil {
		t.Fatal(err)
	}
	for _, v := range []string{"1", "2"} {
		if err := s.st.InsertModuleVersion(ctx, storetest.Module("mine", v)); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.st.AddMaintainer(ctx, "mine", s.user("olivia").ID, "mark"); err != nil {
		t.Fatal(err)
	}
	future, past := time.Now().Add(time.Hour), time.Now().Add(-time.Hour)
	all := []string{store.ScopePublish, store.ScopeYank}
	actors := []actor{
		owner, comaint, stranger,
		{name: "anonymous"},
		{name: "owner's token", bearer: s.token("olivia", all, future, false)},
		{name: "stranger's token", bearer: s.token("sam", all, future, false)},
		{name: "expired token", bearer: s.token("olivia", all, past, false)},
		{name: "wrong-scope token", bearer: s.token("olivia", []string{store.ScopePublish}, future, false)},
		{name: "revoked token", bearer: s.token("olivia", all, future, true)},
		{name: "malformed token", bearer: "ccan_nope"},
		{name: "missing CSRF token", session: owner.session},
		{name: "wrong CSRF token", session: owner.session, csrf: stranger.csrf},
		{name: "cross-origin POST", session: owner.session, csrf: owner.csrf, crossSite: true},
	}
	owner.name, comaint.name, stranger.name = "owner", "co-maintainer", "stranger"
	actors[0], actors[1], actors[2] = owner, comaint, stranger

	yanked := func() bool {
		mv, err := s.st.GetModule(ctx, "mine", "1")
		if err != nil {
			t.Fatal(err)
		}
		return mv.Yanked
	}
	setYanked := func(y bool) {
		if err := s.st.SetYanked(ctx, "mine", "1", y); err != nil {
			t.Fatal(err)
		}
	}
	tokenCount := func() int {
		n := 0
		for _, u := range []string{"olivia", "mark", "sam"} {
			ts, err := s.st.ListTokens(ctx, s.user(u).ID)
			if err != nil {
				t.Fatal(err)
			}
			n += len(ts)
		}
		return n
	}
	n := 0
	type action struct {
		name  string
		setup func() (request, func() bool) // the request, and whether it took effect
	}
	yankAction := func(api, yank bool) func() (request, func() bool) {
		return func() (request, func() bool) {
			setYanked(!yank)
			rq := request{method: "POST", path: "/m/mine@1/-/yank", form: url.Values{"yanked": {fmt.Sprint(yank)}}}
			if api {
				rq = request{method: "POST", path: "/api/yank", json: map[string]any{"name": "mine", "version": "1", "yanked": yank}}
			}
			return rq, func() bool { return yanked() == yank }
		}
	}
	actions := []action{
		{"yank (form)", yankAction(false, true)},
		{"unyank (form)", yankAction(false, false)},
		{"yank (API)", yankAction(true, true)},
		{"unyank (API)", yankAction(true, false)},
		{"add maintainer", func() (request, func() bool) {
			n++
			who := fmt.Sprintf("new%d", n)
			if _, err := s.st.CreateUser(ctx, who, who+"@example.com", "x"); err != nil {
				t.Fatal(err)
			}
			return request{method: "POST", path: "/m/mine/-/maintainers", form: url.Values{"user": {who}}}, func() bool {
				owners, _ := s.st.ModuleOwners(ctx, "mine")
				_, ok := roleIn(owners, who)
				return ok
			}
		}},
		{"remove maintainer", func() (request, func() bool) {
			n++
			who := fmt.Sprintf("gone%d", n)
			if _, err := s.st.CreateUser(ctx, who, who+"@example.com", "x"); err != nil {
				t.Fatal(err)
			}
			if err := s.st.AddMaintainer(ctx, "mine", s.user("olivia").ID, who); err != nil {
				t.Fatal(err)
			}
			return request{method: "POST", path: "/m/mine/-/maintainers/remove", form: url.Values{"user": {who}}}, func() bool {
				owners, _ := s.st.ModuleOwners(ctx, "mine")
				_, ok := roleIn(owners, who)
				return !ok
			}
		}},
		{"create token", func() (request, func() bool) {
			before := tokenCount()
			return request{method: "POST", path: "/account/tokens", form: url.Values{"name": {"new"}, "scope": {"publish"}, "days": {"30"}}},
				func() bool { return tokenCount() == before+1 }
		}},
		{"revoke owner's token", func() (request, func() bool) {
			tok := s.token("olivia", all, future, false)
			prefix, _, _ := auth.ParseToken(tok)
			tt, _, _ := s.st.TokenByPrefix(ctx, prefix)
			return request{method: "POST", path: fmt.Sprintf("/account/tokens/%d/revoke", tt.ID), form: url.Values{}}, func() bool {
				tt, _, _ := s.st.TokenByPrefix(ctx, prefix)
				return !tt.Revoked.IsZero()
			}
		}},
	}
	const (
		ok303 = http.StatusSeeOther
		ok200 = http.StatusOK
		ok201 = http.StatusCreated
		e401  = http.StatusUnauthorized
		e403  = http.StatusForbidden
		e404  = http.StatusNotFound
	)
	// want[actor][action]: a 2xx/3xx status means allowed.
	want := map[string][]int{
		//                    yank form, unyank form, yank API, unyank API, add maintainer, remove maintainer, create token, revoke
		"owner":              {ok303, ok303, ok200, ok200, ok303, ok303, ok201, ok303},
		"co-maintainer":      {ok303, ok303, ok200, ok200, e403, e403, ok201, e404},
		"stranger":           {e403, e403, e403, e403, e403, e403, ok201, e404},
		"anonymous":          {e401, e401, e401, e401, e401, e401, e401, e401},
		"owner's token":      {ok303, ok303, ok200, ok200, e403, e403, e403, e403},
		"stranger's token":   {e403, e403, e403, e403, e403, e403, e403, e403},
		"expired token":      {e401, e401, e401, e401, e401, e401, e401, e401},
		"wrong-scope token":  {e403, e403, e403, e403, e403, e403, e403, e403},
		"revoked token":      {e401, e401, e401, e401, e401, e401, e401, e401},
		"malformed token":    {e401, e401, e401, e401, e401, e401, e401, e401},
		"missing CSRF token": {e403, e403, e403, e403, e403, e403, e403, e403},
		"wrong CSRF token":   {e403, e403, e403, e403, e403, e403, e403, e403},
		"cross-origin POST":  {e403, e403, e403, e403, e403, e403, e403, e403},
	}
	for _, a := range actors {
		row, ok := want[a.name]
		if !ok || len(row) != len(actions) {
			t.Fatalf("no expectations for %q", a.name)
		}
		for i, ac := range actions {
			rq, effect := ac.setup()
			resp := s.do(a, rq)
			allowed := resp.StatusCode < 400
			if resp.StatusCode != row[i] {
				t.Errorf("%s: %s = %d, want %d", a.name, ac.name, resp.StatusCode, row[i])
			}
			if got := effect(); got != allowed {
				t.Errorf("%s: %s: status %d but took effect = %v", a.name, ac.name, resp.StatusCode, got)
			}
			if resp.StatusCode == e401 && rq.json != nil && resp.Header.Get("WWW-Authenticate") == "" {
				t.Errorf("%s: %s: 401 without WWW-Authenticate", a.name, ac.name)
			}
		}
	}
}

// TestMaintainerStepDown: a co-maintainer sees a "Step down" button for
// their own entry only, the owner a "Remove" button; stepping down
// through the form takes effect at once (pages included) and ends the
// right to yank; refusals render on the maintainers page.
func TestMaintainerStepDown(t *testing.T) {
	s := newSite(t, nil)
	ctx := context.Background()
	owner, maint, stranger := s.register("olivia"), s.register("mark"), s.register("sam")
	if err := s.st.ClaimModule(ctx, "mine", s.user("olivia").ID); err != nil {
		t.Fatal(err)
	}
	if err := s.st.InsertModuleVersion(ctx, storetest.Module("mine", "1")); err != nil {
		t.Fatal(err)
	}
	post := func(a actor, path string, form url.Values) (int, string) {
		t.Helper()
		resp := s.do(a, request{method: "POST", path: path, form: form})
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
	if code, _ := post(owner, "/m/mine/-/maintainers", url.Values{"user": {"mark"}}); code != http.StatusSeeOther {
		t.Fatalf("adding mark = %d", code)
	}
	page := func(a actor) string {
		t.Helper()
		_, body, _ := s.fetch("/m/mine/-/maintainers", &http.Cookie{Name: sessionCookie, Value: a.session})
		return body
	}
	const removeForm = `action="/m/mine/-/maintainers/remove"`
	if p := page(maint); !strings.Contains(p, removeForm) || !strings.Contains(p, `name="user" value="mark"`) ||
		!strings.Contains(p, "Step down") || strings.Contains(p, "Remove mark") {
		t.Errorf("maintainer's page: want a step-down form for mark only:\n%s", p)
	}
	if p := page(owner); !strings.Contains(p, "Remove mark") || strings.Contains(p, "Step down") ||
		strings.Contains(p, `name="user" value="olivia"`) {
		t.Errorf("owner's page: want a remove button for mark, none for the owner:\n%s", p)
	}
	if p := page(stranger); strings.Contains(p, removeForm) {
		t.Errorf("stranger's page has a remove form")
	}
	if _, anon, _ := s.fetch("/m/mine"); !strings.Contains(anon, "mark (maintainer)") {
		t.Fatalf("module page does not list mark")
	}
	isMaint := func() bool {
		owners, err := s.st.ModuleOwners(ctx, "mine")
		if err != nil {
			t.Fatal(err)
		}
		_, ok := roleIn(owners, "mark")
		return ok
	}

	// Refusals change nothing and say why on the maintainers page.
	if code, _ := post(stranger, "/m/mine/-/maintainers/remove", url.Values{"user": {"mark"}}); code != http.StatusForbidden || !isMaint() {
		t.Errorf("stranger removes mark = %d, mark still a maintainer = %v; want 403, true", code, isMaint())
	}
	if code, body := post(owner, "/m/mine/-/maintainers/remove", url.Values{"user": {"olivia"}}); code != http.StatusBadRequest ||
		!strings.Contains(body, "the owner cannot be removed") || !strings.Contains(body, "Add a maintainer") {
		t.Errorf("owner removes herself = %d, want 400 on the maintainers page:\n%s", code, body)
	}
	if code, body := post(owner, "/m/mine/-/maintainers/remove", url.Values{"user": {"sam"}}); code != http.StatusNotFound ||
		!strings.Contains(body, "sam is not a maintainer of ccan/mine") {
		t.Errorf("owner removes a non-maintainer = %d, want 404 on the maintainers page:\n%s", code, body)
	}

	// mark steps down.
	resp := s.do(maint, request{method: "POST", path: "/m/mine/-/maintainers/remove", form: url.Values{"user": {"mark"}}})
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/m/mine/-/maintainers" || isMaint() {
		t.Fatalf("stepping down = %d to %q, still a maintainer = %v; want 303 to the maintainers page, false",
			resp.StatusCode, resp.Header.Get("Location"), isMaint())
	}
	if _, anon, _ := s.fetch("/m/mine"); strings.Contains(anon, "mark") {
		t.Errorf("module page still lists mark after he stepped down")
	}
	if p := page(maint); strings.Contains(p, removeForm) {
		t.Errorf("former maintainer's page still has a remove form")
	}
	if code, _ := post(maint, "/m/mine@1/-/yank", url.Values{"yanked": {"true"}}); code != http.StatusForbidden {
		t.Errorf("former maintainer yanks = %d, want 403", code)
	}
	if code, _ := post(maint, "/m/mine/-/maintainers/remove", url.Values{"user": {"mark"}}); code != http.StatusForbidden {
		t.Errorf("stepping down twice = %d, want 403", code)
	}
	if err := s.st.ClaimModule(ctx, "mine", s.user("mark").ID); err == nil {
		t.Errorf("former maintainer may still publish")
	}
}
