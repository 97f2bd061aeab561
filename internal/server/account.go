package server

// The account pages: /register, /login, /logout, /account (API tokens).

import (
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/ccan-archive/ccan/internal/auth"
	"github.com/ccan-archive/ccan/internal/derrors"
	"github.com/ccan-archive/ccan/internal/store"
)

// Password length bounds.
const (
	minPassword = 8
	maxPassword = auth.MaxPasswordLen
)

// tokenExpiries are the lifetimes offered for a new token, in days.
var tokenExpiries = []int{7, 30, 90, 365}

const defaultTokenDays = 90

// maxFormBody bounds account form posts.
const maxFormBody = 64 << 10

// formData is what the log-in and register pages show.
type formData struct {
	Name, Email, Login string
	Next               string
	Error              string
}

// safeNext returns next when it is a path on this site, else "".
func safeNext(next string) string {
	if !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") || strings.ContainsAny(next, "\\\r\n") {
		return ""
	}
	return next
}

func (s *Server) renderForm(w http.ResponseWriter, r *http.Request, status int, name, title string, d *formData) error {
	if s.acct == nil {
		return errNoAccounts
	}
	w.Header().Set("Cache-Control", "no-store")
	s.render(w, r, status, name, &page{Title: title, CSRF: auth.FormToken(s.preSession(w, r)), Data: d})
	return nil
}

func (s *Server) serveLogin(w http.ResponseWriter, r *http.Request) error {
	next := safeNext(r.URL.Query().Get("next"))
	if _, _, err := s.sessionUser(r); err == nil {
		http.Redirect(w, r, cmpOr(next, "/account"), http.StatusSeeOther)
		return nil
	}
	return s.renderForm(w, r, http.StatusOK, "login", "Log in", &formData{Next: next})
}

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

func (s *Server) postLogin(w http.ResponseWriter, r *http.Request) error {
	if s.acct == nil {
		return errNoAccounts
	}
	r.Body = http.MaxBytesReader(w, r.Body, maxFormBody)
	if err := checkPreForm(r); err != nil {
		return err
	}
	login := strings.TrimSpace(r.PostFormValue("login"))
	password := r.PostFormValue("password")
	d := &formData{Login: login, Next: safeNext(r.PostFormValue("next"))}
	if err := s.allow(r, s.acct.loginIP, s.acct.loginUser, login, "log-in attempts"); err != nil {
		return err
	}
	ctx := r.Context()
	u, hash, err := s.acct.store.UserCredentials(ctx, login)
	switch {
	case errors.Is(err, derrors.NotFound):
		s.acct.hasher.Waste(ctx, password) // as slow as a wrong password
		err = auth.ErrMismatch
	case err == nil:
		err = s.acct.hasher.Check(ctx, hash, password)
	}
	if errors.Is(err, auth.ErrMismatch) {
		d.Error = "Wrong user name or password."
		return s.renderForm(w, r, http.StatusUnauthorized, "login", "Log in", d)
	}
	if err != nil {
		return err
	}
	if s.acct.hasher.NeedsRehash(hash) {
		if h, err := s.acct.hasher.Hash(ctx, password); err == nil {
			if err := s.acct.store.SetPasswordHash(ctx, u.ID, h); err != nil {
				s.log.Warn("rehashing a password", "user", u.Name, "err", err)
			}
		}
	}
	if err := s.startSession(w, r, u); err != nil {
		return err
	}
	http.Redirect(w, r, cmpOr(d.Next, "/account"), http.StatusSeeOther)
	return nil
}

func (s *Server) serveRegister(w http.ResponseWriter, r *http.Request) error {
	if _, _, err := s.sessionUser(r); err == nil {
		http.Redirect(w, r, "/account", http.StatusSeeOther)
		return nil
	}
	return s.renderForm(w, r, http.StatusOK, "register", "Register", &formData{})
}

func (s *Server) postRegister(w http.ResponseWriter, r *http.Request) error {
	if s.acct == nil {
		return errNoAccounts
	}
	r.Body = http.MaxBytesReader(w, r.Body, maxFormBody)
	if err := checkPreForm(r); err != nil {
		return err
	}
	if err := s.allow(r, s.acct.loginIP, nil, "", "attempts"); err != nil {
		return err
	}
	d := &formData{Name: strings.ToLower(strings.TrimSpace(r.PostFormValue("name"))), Email: strings.TrimSpace(r.PostFormValue("email"))}
	password := r.PostFormValue("password")
	fail := func(status int, msg string) error {
		d.Error = msg
		return s.renderForm(w, r, status, "register", "Register", d)
	}
	if err := errors.Join(store.CheckUserName(d.Name), store.CheckEmail(d.Email)); err != nil {
		return fail(http.StatusBadRequest, err.Error())
	}
	switch {
	case len(password) < minPassword || len(password) > maxPassword:
		return fail(http.StatusBadRequest, "The password must be "+strconv.Itoa(minPassword)+" to "+strconv.Itoa(maxPassword)+" characters long.")
	case password != r.PostFormValue("password2"):
		return fail(http.StatusBadRequest, "The two passwords differ.")
	}
	ctx := r.Context()
	hash, err := s.acct.hasher.Hash(ctx, password)
	if err != nil {
		return err
	}
	u, err := s.acct.store.CreateUser(ctx, d.Name, d.Email, hash)
	if errors.Is(err, derrors.AlreadyExists) {
		return fail(http.StatusConflict, "That user name or email is already registered.")
	}
	if err != nil {
		return err
	}
	if err := s.startSession(w, r, u); err != nil {
		return err
	}
	http.Redirect(w, r, "/account", http.StatusSeeOther)
	return nil
}

func (s *Server) postLogout(w http.ResponseWriter, r *http.Request) error {
	if _, err := s.webUser(r); err != nil {
		return err
	}
	c, _ := r.Cookie(sessionCookie)
	if err := s.endSession(w, r, c.Value); err != nil {
		return err
	}
	http.Redirect(w, r, "/", http.StatusSeeOther)
	return nil
}

// accountData is what /account shows.
type accountData struct {
	User     *store.User
	Tokens   []*tokenRow
	NewToken string // the token just created, shown once
	Expiries []int
	Default  int
	Scopes   []string
	Error    string
}

type tokenRow struct {
	*store.Token
	State string // "active", "expired", "revoked"
}

// serveAccount shows the logged-in user's account and tokens; anyone
// else is sent to log in.
func (s *Server) serveAccount(w http.ResponseWriter, r *http.Request) error {
	if s.acct == nil {
		return errNoAccounts
	}
	u, _, err := s.sessionUser(r)
	if errors.Is(err, derrors.Unauthenticated) {
		http.Redirect(w, r, "/login?next="+url.QueryEscape(r.URL.Path), http.StatusSeeOther)
		return nil
	}
	if err != nil {
		return err
	}
	return s.renderAccount(w, r, http.StatusOK, u, &accountData{})
}

func (s *Server) renderAccount(w http.ResponseWriter, r *http.Request, status int, u *store.User, d *accountData) error {
	tokens, err := s.acct.store.ListTokens(r.Context(), u.ID)
	if err != nil {
		return err
	}
	now := time.Now()
	for _, t := range tokens {
		row := &tokenRow{Token: t, State: "active"}
		switch {
		case !t.Revoked.IsZero():
			row.State = "revoked"
		case !now.Before(t.Expires):
			row.State = "expired"
		}
		d.Tokens = append(d.Tokens, row)
	}
	d.User, d.Expiries, d.Default, d.Scopes = u, tokenExpiries, defaultTokenDays, store.Scopes()
	w.Header().Set("Cache-Control", "no-store")
	s.render(w, r, status, "account", &page{Title: "Account: " + u.Name, Data: d})
	return nil
}

// postToken creates an API token and shows it, once.
func (s *Server) postToken(w http.ResponseWriter, r *http.Request) error {
	r.Body = http.MaxBytesReader(w, r.Body, maxFormBody)
	u, err := s.webUser(r)
	if err != nil {
		return err
	}
	if err := r.ParseForm(); err != nil {
		return derrors.Errorf(derrors.InvalidArgument, "form: %v", err)
	}
	days, err := strconv.Atoi(r.PostFormValue("days"))
	if err != nil || days < 1 || days > 365 {
		days = defaultTokenDays
	}
	t := &store.Token{UserID: u.ID, Name: strings.TrimSpace(r.PostFormValue("name")), Scopes: r.PostForm["scope"],
		Expires: time.Now().Add(time.Duration(days) * 24 * time.Hour)}
	var tok string
	for range 3 { // a prefix collision (1 in 2^40 per pair) draws again
		var hash []byte
		tok, t.Prefix, hash = auth.NewToken()
		if err = s.acct.store.CreateToken(r.Context(), t, hash); !errors.Is(err, derrors.AlreadyExists) {
			break
		}
	}
	if errors.Is(err, derrors.InvalidArgument) {
		return s.renderAccount(w, r, http.StatusBadRequest, u, &accountData{Error: err.Error()})
	}
	if err != nil {
		return err
	}
	return s.renderAccount(w, r, http.StatusCreated, u, &accountData{NewToken: tok})
}

// postRevoke revokes one of the user's tokens.
func (s *Server) postRevoke(w http.ResponseWriter, r *http.Request) error {
	r.Body = http.MaxBytesReader(w, r.Body, maxFormBody)
	u, err := s.webUser(r)
	if err != nil {
		return err
	}
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		return derrors.Errorf(derrors.NotFound, "token %.20q", r.PathValue("id"))
	}
	if err := s.acct.store.RevokeToken(r.Context(), u.ID, id, time.Now()); err != nil {
		return err
	}
	http.Redirect(w, r, "/account", http.StatusSeeOther)
	return nil
}
