package server

// Authentication and request protection.
//
// A browser authenticates with a session cookie (HttpOnly, SameSite=Lax,
// Secure on https). A program authenticates with "Authorization: Bearer
// ccan_...", an API token with scopes. Both reach the handlers through
// requestUser.
//
// Forms are protected from cross-site request forgery twice:
//   - http.CrossOriginProtection wraps the whole mux: a browser POST
//     whose Sec-Fetch-Site or Origin says it comes from another site is
//     refused (403) before any handler runs;
//   - every form carries a token (auth.FormToken of the session id, or
//     of a pre-session cookie on the log-in and register forms) that
//     each POST must echo. Bearer requests need no form token: browsers
//     never attach an Authorization header on their own.
//
// Log-in and register attempts are rate limited per client address and
// per account; uploads too (allowUpload). Refusals are 429 with
// Retry-After. The client address is the peer's, or, behind a trusted
// reverse proxy (Config.TrustedProxies), the one X-Forwarded-For names
// (clientAddr; the request log shows the same).

import (
	"context"
	"errors"
	"net/http"
	"net/netip"
	"strconv"
	"strings"
	"time"

	"github.com/ccan-archive/ccan/internal/auth"
	"github.com/ccan-archive/ccan/internal/derrors"
	"github.com/ccan-archive/ccan/internal/store"
)

// AuthConfig tunes accounts; zero fields take the defaults.
type AuthConfig struct {
	// Password is the argon2id cost of new password hashes
	// (auth.DefaultParams). Tests lower it.
	Password auth.Params
	// SessionTTL is how long a log-in lasts (14 days).
	SessionTTL time.Duration
	// Rate limits: log-in and register attempts per client address
	// (10, then 1 per 6 s) and log-in attempts per account (5, then 1
	// per 12 s); uploads per address (20, then 1 per 3 min) and per
	// account (10, then 1 per 6 min).
	LoginPerIP, LoginPerAccount, UploadPerIP, UploadPerAccount auth.Rate
}

func (c *AuthConfig) setDefaults() {
	def := func(r *auth.Rate, d auth.Rate) {
		if *r == (auth.Rate{}) {
			*r = d
		}
	}
	def(&c.LoginPerIP, auth.Rate{Every: 6 * time.Second, Burst: 10})
	def(&c.LoginPerAccount, auth.Rate{Every: 12 * time.Second, Burst: 5})
	def(&c.UploadPerIP, auth.Rate{Every: 3 * time.Minute, Burst: 20})
	def(&c.UploadPerAccount, auth.Rate{Every: 6 * time.Minute, Burst: 10})
	if c.SessionTTL <= 0 {
		c.SessionTTL = 14 * 24 * time.Hour
	}
}

// Cookie and form field names.
const (
	sessionCookie = "ccan_session"
	preCookie     = "ccan_csrf" // pre-session: protects the log-in and register forms
	csrfField     = "csrf"
	csrfHeader    = "X-CSRF-Token"
)

// accounts is the server's accounts state; nil when Config.Accounts is.
type accounts struct {
	store      store.Accounts
	hasher     *auth.Hasher
	sessionTTL time.Duration
	loginIP    *auth.Limiter
	loginUser  *auth.Limiter
	uploadIP   *auth.Limiter
	uploadUser *auth.Limiter
}

func newAccounts(cfg Config) *accounts {
	if cfg.Accounts == nil {
		return nil
	}
	c := cfg.Auth
	c.setDefaults()
	return &accounts{
		store:      cfg.Accounts,
		hasher:     auth.NewHasher(c.Password, 2),
		sessionTTL: c.SessionTTL,
		loginIP:    auth.NewLimiter(c.LoginPerIP),
		loginUser:  auth.NewLimiter(c.LoginPerAccount),
		uploadIP:   auth.NewLimiter(c.UploadPerIP),
		uploadUser: auth.NewLimiter(c.UploadPerAccount),
	}
}

// errNoAccounts answers account routes on a server without accounts.
var errNoAccounts = derrors.Errorf(derrors.NotFound, "accounts are not enabled on this server")

// crossOrigin wraps h in http.CrossOriginProtection; its refusals go
// through serveError like every other error.
func (s *Server) crossOrigin(h http.Handler) http.Handler {
	cop := http.NewCrossOriginProtection()
	cop.SetDenyHandler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.serveError(w, r, derrors.Errorf(derrors.PermissionDenied, "cross-origin request refused"))
	}))
	return cop.Handler(h)
}

// requestUser authenticates r: "Authorization: Bearer TOKEN" whose
// token is active and has scope ("" = any), else the session cookie,
// and then, for any method but GET and HEAD, the form token in the
// "csrf" form field or the X-CSRF-Token header. Errors: Unauthenticated
// (no or bad credentials), PermissionDenied (a token without scope, a
// missing or wrong form token), NotFound when accounts are off.
//
// For a multipart form, parse it first with your own limits
// (r.ParseMultipartForm after http.MaxBytesReader): requestUser reads
// the field with r.PostFormValue, which would otherwise parse it with
// the default 32 MB memory limit.
func (s *Server) requestUser(r *http.Request, scope string) (*store.User, error) {
	if s.acct == nil {
		return nil, errNoAccounts
	}
	if h := r.Header.Get("Authorization"); h != "" {
		return s.tokenUser(r, h, scope)
	}
	u, sid, err := s.sessionUser(r)
	if err != nil {
		return nil, err
	}
	if err := checkForm(r, sid); err != nil {
		return nil, err
	}
	return u, nil
}

// webUser is requestUser for what only a logged-in person may do on the
// site (tokens, maintainers, logging out): an API token, even a valid
// one, is refused.
func (s *Server) webUser(r *http.Request) (*store.User, error) {
	if r.Header.Get("Authorization") != "" {
		if _, err := s.requestUser(r, ""); err != nil {
			return nil, err
		}
		return nil, derrors.Errorf(derrors.PermissionDenied, "API tokens cannot do this: log in on the web site")
	}
	return s.requestUser(r, "")
}

// checkForm checks a state-changing request's form token against the
// cookie secret it was derived from.
func checkForm(r *http.Request, secret string) error {
	if r.Method == http.MethodGet || r.Method == http.MethodHead {
		return nil
	}
	tok := r.Header.Get(csrfHeader)
	if tok == "" {
		tok = r.PostFormValue(csrfField)
	}
	if !auth.CheckFormToken(secret, tok) {
		return derrors.Errorf(derrors.PermissionDenied, "missing or stale form token: reload the page and try again")
	}
	return nil
}

// tokenUser authenticates an Authorization header.
func (s *Server) tokenUser(r *http.Request, header, scope string) (*store.User, error) {
	kind, tok, _ := strings.Cut(header, " ")
	if !strings.EqualFold(kind, "Bearer") {
		return nil, derrors.Errorf(derrors.Unauthenticated, "want Authorization: Bearer TOKEN")
	}
	prefix, secret, err := auth.ParseToken(strings.TrimSpace(tok))
	if err != nil {
		return nil, derrors.Errorf(derrors.Unauthenticated, "%v", err)
	}
	ctx := r.Context()
	t, hash, err := s.acct.store.TokenByPrefix(ctx, prefix)
	if errors.Is(err, derrors.NotFound) || err == nil && !auth.CheckSecret(secret, hash) {
		return nil, derrors.Errorf(derrors.Unauthenticated, "unknown API token")
	}
	if err != nil {
		return nil, err
	}
	now := time.Now()
	switch {
	case !t.Revoked.IsZero():
		return nil, derrors.Errorf(derrors.Unauthenticated, "API token %q was revoked", t.Name)
	case !now.Before(t.Expires):
		return nil, derrors.Errorf(derrors.Unauthenticated, "API token %q expired on %s", t.Name, t.Expires.Format(time.DateOnly))
	case scope != "" && !t.HasScope(scope):
		return nil, derrors.Errorf(derrors.PermissionDenied, "API token %q lacks the %q scope", t.Name, scope)
	}
	u, err := s.acct.store.UserByID(ctx, t.UserID)
	if err != nil {
		return nil, err
	}
	if err := s.acct.store.TouchToken(ctx, t.ID, now); err != nil {
		return nil, err
	}
	return u, nil
}

// sessionUser returns the user of r's session cookie and the session id.
func (s *Server) sessionUser(r *http.Request) (*store.User, string, error) {
	if s.acct == nil {
		return nil, "", errNoAccounts
	}
	c, err := r.Cookie(sessionCookie)
	if err != nil {
		return nil, "", derrors.Errorf(derrors.Unauthenticated, "log in first")
	}
	hash, ok := auth.ParseSessionID(c.Value)
	if !ok {
		return nil, "", derrors.Errorf(derrors.Unauthenticated, "bad session cookie: log in again")
	}
	sess, err := s.acct.store.GetSession(r.Context(), hash)
	if errors.Is(err, derrors.NotFound) || err == nil && !time.Now().Before(sess.Expires) {
		return nil, "", derrors.Errorf(derrors.Unauthenticated, "your session has ended: log in again")
	}
	if err != nil {
		return nil, "", err
	}
	return sess.User, c.Value, nil
}

// startSession logs u in: a new session id in a new cookie.
func (s *Server) startSession(w http.ResponseWriter, r *http.Request, u *store.User) error {
	ctx := r.Context()
	id, hash := auth.NewSessionID()
	expires := time.Now().Add(s.acct.sessionTTL)
	if err := s.acct.store.CreateSession(ctx, hash, u.ID, expires); err != nil {
		return err
	}
	if err := s.acct.store.DeleteExpiredSessions(ctx, time.Now()); err != nil {
		s.log.Warn("deleting expired sessions", "err", err)
	}
	http.SetCookie(w, s.cookie(r, sessionCookie, id, s.acct.sessionTTL))
	return nil
}

// endSession logs r's session out and clears its cookie.
func (s *Server) endSession(w http.ResponseWriter, r *http.Request, sid string) error {
	if hash, ok := auth.ParseSessionID(sid); ok {
		if err := s.acct.store.DeleteSession(r.Context(), hash); err != nil {
			return err
		}
	}
	http.SetCookie(w, s.cookie(r, sessionCookie, "", -1))
	return nil
}

// cookie makes a cookie readable only by this site's server: HttpOnly,
// SameSite=Lax, Path=/, Secure when the site is served over https. ttl
// 0 makes a browser-session cookie, < 0 deletes it.
func (s *Server) cookie(r *http.Request, name, value string, ttl time.Duration) *http.Cookie {
	c := &http.Cookie{Name: name, Value: value, Path: "/", HttpOnly: true, SameSite: http.SameSiteLaxMode,
		Secure: r.TLS != nil || strings.HasPrefix(s.cfg.BaseURL, "https:")}
	switch {
	case ttl < 0:
		c.MaxAge = -1
	case ttl > 0:
		c.MaxAge = int(ttl / time.Second)
	}
	return c
}

// preSession returns the pre-session secret that keys the log-in and
// register forms' token, setting its cookie when r has none.
func (s *Server) preSession(w http.ResponseWriter, r *http.Request) string {
	if c, err := r.Cookie(preCookie); err == nil {
		if _, ok := auth.ParseSessionID(c.Value); ok {
			return c.Value
		}
	}
	id, _ := auth.NewSessionID()
	http.SetCookie(w, s.cookie(r, preCookie, id, 0))
	return id
}

// checkPreForm checks a log-in or register POST's form token.
func checkPreForm(r *http.Request) error {
	c, err := r.Cookie(preCookie)
	if err != nil {
		return derrors.Errorf(derrors.PermissionDenied, "missing form cookie: enable cookies, reload the page and try again")
	}
	return checkForm(r, c.Value)
}

// clientAddr is r's client address: the peer's, or the one trusted
// proxies name in X-Forwarded-For. The rate limits key on it and the
// request log shows it. ok is false when the peer has no IP address.
func (s *Server) clientAddr(r *http.Request) (addr netip.Addr, ok bool) {
	return s.cfg.TrustedProxies.Client(r)
}

// clientKey is the rate-limit key of r's client: its IP address, or
// its /64 for IPv6 (one host usually has a whole /64). Behind a reverse
// proxy that is not trusted, every client shares the proxy's address.
func (s *Server) clientKey(r *http.Request) string {
	addr, ok := s.clientAddr(r)
	if !ok {
		return "addr:" + r.RemoteAddr
	}
	if addr.Is6() {
		p, _ := addr.Prefix(64)
		return "net:" + p.String()
	}
	return "ip:" + addr.String()
}

// allow takes an event from both limiters (client, account) or returns
// a *auth.RateLimitError naming the one that refused.
func (s *Server) allow(r *http.Request, byIP, byAccount *auth.Limiter, account, what string) error {
	now := time.Now()
	if ok, wait := byIP.Allow(s.clientKey(r), now); !ok {
		return &auth.RateLimitError{What: what + " from your address", RetryAfter: wait}
	}
	if account == "" {
		return nil
	}
	if ok, wait := byAccount.Allow(strings.ToLower(account), now); !ok {
		return &auth.RateLimitError{What: what + " for this account", RetryAfter: wait}
	}
	return nil
}

// allowUpload rate-limits uploads per client address and per account:
// call it once per upload after requestUser.
func (s *Server) allowUpload(r *http.Request, u *store.User) error {
	if s.acct == nil {
		return errNoAccounts
	}
	return s.allow(r, s.acct.uploadIP, s.acct.uploadUser, u.Name, "uploads")
}

// setAuthHeaders adds the headers an auth error's status calls for:
// Retry-After on 429, WWW-Authenticate on an API 401. serveError calls
// it.
func setAuthHeaders(w http.ResponseWriter, r *http.Request, err error) {
	var rl *auth.RateLimitError
	if errors.As(err, &rl) {
		w.Header().Set("Retry-After", strconv.Itoa(rl.RetryAfterSeconds()))
	}
	if errors.Is(err, derrors.Unauthenticated) && (r.Header.Get("Authorization") != "" || strings.HasPrefix(r.URL.Path, "/api/")) {
		w.Header().Set("WWW-Authenticate", `Bearer realm="ccan"`)
	}
}

// pageUser fills in the header's account fields of p: which of
// accounts and uploads are on, the logged-in user and the form token
// of the session.
func (s *Server) pageUser(r *http.Request, p *page) {
	if s.acct == nil {
		return
	}
	p.Accounts = true
	_, err := s.uploadsOn()
	p.Uploads = err == nil
	if _, err := r.Cookie(sessionCookie); err != nil {
		return
	}
	ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
	defer cancel()
	if u, sid, err := s.sessionUser(r.WithContext(ctx)); err == nil {
		p.User, p.CSRF = u, auth.FormToken(sid)
	}
}
