package server

// Module ownership on the site: the owners shown on module pages, the
// maintainers page (/m/NAME/-/maintainers), yank and unyank (a form on
// the module page, POST /api/yank), and GET /api/owners/NAME.
//
// Who may do what: a module's owner and co-maintainers may yank and
// unyank its versions; only the owner may add co-maintainers or remove
// them (POST /m/NAME/-/maintainers/remove), and a co-maintainer may
// remove themself (step down). Yanking takes a session (with the form
// token) or an API token with the yank scope; adding and removing
// maintainers take a session.

import (
	"encoding/json"
	"errors"
	"io"
	"net/http"

	"github.com/ccan-archive/ccan/internal/derrors"
	"github.com/ccan-archive/ccan/internal/store"
)

// ownersData is the ownership part of module and maintainers pages.
type ownersData struct {
	Owners  []store.Owner
	IsOwner bool // the logged-in user owns the module
	CanYank bool // ... or maintains it
	Error   string
}

// moduleOwners returns name's owners as r's user sees them; nil when
// accounts are off.
func (s *Server) moduleOwners(r *http.Request, name string) (*ownersData, error) {
	if s.acct == nil {
		return nil, nil
	}
	owners, err := s.acct.store.ModuleOwners(r.Context(), name)
	if err != nil {
		return nil, err
	}
	d := &ownersData{Owners: owners}
	if _, err := r.Cookie(sessionCookie); err != nil {
		return d, nil // anonymous: skip the session lookup
	}
	if u, _, err := s.sessionUser(r); err == nil {
		d.IsOwner, d.CanYank = roleIn(owners, u.Name)
	}
	return d, nil
}

// roleIn reports whether user owns, and whether user owns or maintains,
// a module with these owners.
func roleIn(owners []store.Owner, user string) (owner, maintainer bool) {
	for _, o := range owners {
		if o.User == user {
			return o.Role == store.RoleOwner, true
		}
	}
	return false, false
}

// mayYank returns PermissionDenied unless u owns or maintains name.
func (s *Server) mayYank(r *http.Request, name string, u *store.User) error {
	owners, err := s.acct.store.ModuleOwners(r.Context(), name)
	if err != nil {
		return err
	}
	if _, ok := roleIn(owners, u.Name); !ok {
		return derrors.Errorf(derrors.PermissionDenied, "%s is not an owner or maintainer of ccan/%s", u.Name, name)
	}
	return nil
}

// maintainersData is what /m/NAME/-/maintainers shows.
type maintainersData struct {
	Name string
	*ownersData
}

func (s *Server) serveMaintainers(w http.ResponseWriter, r *http.Request, mp modulePath) error {
	if s.acct == nil {
		return errNoAccounts
	}
	return s.renderMaintainers(w, r, http.StatusOK, mp.Name, "")
}

func (s *Server) renderMaintainers(w http.ResponseWriter, r *http.Request, status int, name, msg string) error {
	if _, err := s.cfg.Store.GetModule(r.Context(), name, ""); err != nil {
		return err
	}
	od, err := s.moduleOwners(r, name)
	if err != nil {
		return err
	}
	od.Error = msg
	w.Header().Set("Cache-Control", "no-store")
	s.render(w, r, status, "maintainers", &page{Title: "Maintainers of ccan/" + name, Data: maintainersData{Name: name, ownersData: od}})
	return nil
}

// postModulePath dispatches POST /m/NAME/-/maintainers,
// POST /m/NAME/-/maintainers/remove and POST /m/NAME@VERSION/-/yank.
func (s *Server) postModulePath(w http.ResponseWriter, r *http.Request) error {
	if s.acct == nil {
		return errNoAccounts
	}
	mp, err := parseModulePath(r.PathValue("path"))
	if err != nil {
		return err
	}
	r.Body = http.MaxBytesReader(w, r.Body, maxFormBody)
	switch mp.Rest {
	case "maintainers":
		return s.postMaintainer(w, r, mp)
	case "maintainers/remove":
		return s.postRemoveMaintainer(w, r, mp)
	case "yank":
		return s.postYankForm(w, r, mp)
	}
	return derrors.Errorf(derrors.NotFound, "no form at %s", r.URL.Path)
}

func (s *Server) postMaintainer(w http.ResponseWriter, r *http.Request, mp modulePath) error {
	u, err := s.webUser(r)
	if err != nil {
		return err
	}
	who := r.PostFormValue("user")
	err = s.acct.store.AddMaintainer(r.Context(), mp.Name, u.ID, who)
	if errors.Is(err, derrors.NotFound) {
		return s.renderMaintainers(w, r, http.StatusNotFound, mp.Name, "No user is called "+who+".")
	}
	if err != nil {
		return err
	}
	s.Invalidate()
	http.Redirect(w, r, "/m/"+mp.Name+"/-/maintainers", http.StatusSeeOther)
	return nil
}

// postRemoveMaintainer removes the co-maintainer named by the form's
// "user" field: the owner removing anyone, or a maintainer stepping
// down. Refusals the user can correct (not a maintainer, the owner)
// show on the maintainers page, as adding's do.
func (s *Server) postRemoveMaintainer(w http.ResponseWriter, r *http.Request, mp modulePath) error {
	u, err := s.webUser(r)
	if err != nil {
		return err
	}
	who := r.PostFormValue("user")
	err = s.acct.store.RemoveMaintainer(r.Context(), mp.Name, u.ID, who)
	switch {
	case errors.Is(err, derrors.NotFound):
		return s.renderMaintainers(w, r, http.StatusNotFound, mp.Name, who+" is not a maintainer of ccan/"+mp.Name+".")
	case errors.Is(err, derrors.InvalidArgument):
		return s.renderMaintainers(w, r, http.StatusBadRequest, mp.Name, who+" owns ccan/"+mp.Name+": the owner cannot be removed, only co-maintainers.")
	case err != nil:
		return err
	}
	s.Invalidate()
	s.log.Info("remove maintainer", "module", mp.Name, "user", who, "by", u.Name)
	http.Redirect(w, r, "/m/"+mp.Name+"/-/maintainers", http.StatusSeeOther)
	return nil
}

func (s *Server) postYankForm(w http.ResponseWriter, r *http.Request, mp modulePath) error {
	if mp.Version == "" {
		return derrors.Errorf(derrors.InvalidArgument, "yanking needs an exact version: /m/NAME@VERSION/-/yank")
	}
	u, err := s.requestUser(r, store.ScopeYank)
	if err != nil {
		return err
	}
	if err := s.yank(r, u, mp.Name, mp.Version, r.PostFormValue("yanked") != "false"); err != nil {
		return err
	}
	http.Redirect(w, r, "/m/"+mp.Name+"@"+mp.Version, http.StatusSeeOther)
	return nil
}

// yank sets the version's yanked flag as u, an owner or maintainer.
func (s *Server) yank(r *http.Request, u *store.User, name, version string, yanked bool) error {
	if err := s.mayYank(r, name, u); err != nil {
		return err
	}
	if err := s.acct.store.SetYanked(r.Context(), name, version, yanked); err != nil {
		return err
	}
	s.Invalidate()
	s.log.Info("yank", "module", name, "version", version, "yanked", yanked, "by", u.Name)
	return nil
}

// yankRequest is POST /api/yank's body.
type yankRequest struct {
	Name    string `json:"name"`
	Version string `json:"version"`
	Yanked  *bool  `json:"yanked"` // default true; false unyanks
}

func (s *Server) apiYank(w http.ResponseWriter, r *http.Request) error {
	if s.acct == nil {
		return errNoAccounts
	}
	u, err := s.requestUser(r, store.ScopeYank)
	if err != nil {
		return err
	}
	var req yankRequest
	dec := json.NewDecoder(io.LimitReader(r.Body, 4096))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&req); err != nil {
		return derrors.Errorf(derrors.InvalidArgument, "request body: want {\"name\": ..., \"version\": ..., \"yanked\": true|false}: %v", err)
	}
	if err := store.CheckModuleName(req.Name); err != nil {
		return err
	}
	if err := store.CheckVersion(req.Version); err != nil {
		return err
	}
	yanked := req.Yanked == nil || *req.Yanked
	if err := s.yank(r, u, req.Name, req.Version, yanked); err != nil {
		return err
	}
	w.Header().Set("Cache-Control", "no-store")
	writeJSONStatus(w, http.StatusOK, map[string]any{"name": req.Name, "version": req.Version, "yanked": yanked})
	return nil
}

func (s *Server) apiOwners(w http.ResponseWriter, r *http.Request) error {
	if s.acct == nil {
		return errNoAccounts
	}
	name := r.PathValue("name")
	if _, err := s.cfg.Store.GetModule(r.Context(), name, ""); err != nil {
		return err
	}
	owners, err := s.acct.store.ModuleOwners(r.Context(), name)
	if err != nil {
		return err
	}
	return writeJSON(w, r, map[string]any{"name": name, "owners": owners}, jsonType)
}
