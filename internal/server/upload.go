package server

// Uploads: the /upload form, the /upload/{id} status page, and the API
// (POST /api/upload, GET /api/upload/{id}) that "ccan publish" uses.
// The work happens in internal/upload; these handlers authenticate,
// cap the body while reading it, and show the upload's record.

import (
	"context"
	"errors"
	"fmt"
	"mime/multipart"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/ccan-archive/ccan/internal/derrors"
	"github.com/ccan-archive/ccan/internal/store"
	"github.com/ccan-archive/ccan/internal/upload"
)

// uploadOverhead is what a multipart body may hold beyond the files:
// headers, boundaries, the form token.
const uploadOverhead = 1 << 20

// uploadTime bounds reading and storing one upload: longer than the
// server's usual read timeout and request deadline, which a large upload
// on a slow link would pass.
const uploadTime = 10 * time.Minute

// uploadContext lifts r's read deadline and returns a context for
// storing the upload, detached from the request's short deadline.
func uploadContext(w http.ResponseWriter, r *http.Request) (context.Context, context.CancelFunc) {
	http.NewResponseController(w).SetReadDeadline(time.Now().Add(uploadTime)) // ErrNotSupported: keep the server's
	return context.WithTimeout(context.WithoutCancel(r.Context()), uploadTime)
}

// statusRefresh is how often (seconds) an unfinished upload's page
// reloads itself (a Refresh header: no script needed).
const statusRefresh = 2

var errNoUploads = derrors.Errorf(derrors.NotFound, "uploads are not enabled on this server")

// uploadsOn returns the upload service, or errNoUploads.
func (s *Server) uploadsOn() (*upload.Service, error) {
	if s.cfg.Uploads == nil || s.acct == nil {
		return nil, errNoUploads
	}
	return s.cfg.Uploads, nil
}

type uploadFormData struct {
	Disabled string
	MaxBytes int64
	Recent   []*store.Upload
	Error    string
}

// serveUploadForm shows the upload form and the user's recent uploads;
// anonymous visitors are sent to log in.
func (s *Server) serveUploadForm(w http.ResponseWriter, r *http.Request) error {
	svc, err := s.uploadsOn()
	if err != nil {
		return err
	}
	u, _, err := s.sessionUser(r)
	if errors.Is(err, derrors.Unauthenticated) {
		http.Redirect(w, r, "/login?next="+url.QueryEscape(r.URL.Path), http.StatusSeeOther)
		return nil
	}
	if err != nil {
		return err
	}
	return s.renderUploadForm(w, r, http.StatusOK, svc, u, "")
}

func (s *Server) renderUploadForm(w http.ResponseWriter, r *http.Request, status int, svc *upload.Service, u *store.User, msg string) error {
	recent, err := svc.List(r.Context(), u.ID, 20)
	if err != nil {
		return err
	}
	w.Header().Set("Cache-Control", "no-store")
	s.render(w, r, status, "upload", &page{Title: "Upload", Data: &uploadFormData{
		Disabled: svc.Disabled(), MaxBytes: svc.MaxBytes(), Recent: recent, Error: msg}})
	return nil
}

// postUpload accepts the form: one archive or several .c/.h files in
// the "file" field.
func (s *Server) postUpload(w http.ResponseWriter, r *http.Request) error {
	svc, err := s.uploadsOn()
	if err != nil {
		return err
	}
	ctx, cancel := uploadContext(w, r)
	defer cancel()
	r.Body = http.MaxBytesReader(w, r.Body, svc.MaxBytes()+uploadOverhead)
	if err := r.ParseMultipartForm(1 << 20); err != nil {
		return uploadReadError(err, svc)
	}
	defer r.MultipartForm.RemoveAll()
	u, err := s.requestUser(r, store.ScopePublish)
	if err != nil {
		return err
	}
	if err := s.allowUpload(r, u); err != nil {
		return err
	}
	var files []upload.File
	for _, fh := range r.MultipartForm.File["file"] {
		f, err := fh.Open()
		if err != nil {
			return err
		}
		defer f.Close()
		files = append(files, upload.File{Name: fh.Filename, R: f})
	}
	up, err := svc.Submit(ctx, u.ID, u.Name, files)
	if errors.Is(err, derrors.InvalidArgument) || errors.Is(err, derrors.TooLarge) {
		return s.renderUploadForm(w, r, derrors.HTTPStatus(err), svc, u, err.Error())
	}
	if err != nil {
		return err
	}
	http.Redirect(w, r, uploadPath(up.ID), http.StatusSeeOther)
	return nil
}

// uploadReadError explains a failure to read an upload's body.
func uploadReadError(err error, svc *upload.Service) error {
	var mb *http.MaxBytesError
	if errors.As(err, &mb) {
		return derrors.Errorf(derrors.TooLarge, "the upload is larger than %s", humanSize(svc.MaxBytes()))
	}
	if errors.Is(err, multipart.ErrMessageTooLarge) {
		return derrors.Errorf(derrors.TooLarge, "the form is too large")
	}
	return derrors.Errorf(derrors.InvalidArgument, "reading the upload: %v", err)
}

func uploadPath(id int64) string { return "/upload/" + strconv.FormatInt(id, 10) }

// ownUpload returns upload {id} when user u made it; anyone else's is
// NotFound (upload ids are sequential: existence is not revealed).
func (s *Server) ownUpload(r *http.Request, svc *upload.Service, u *store.User) (*store.Upload, error) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		return nil, derrors.Errorf(derrors.NotFound, "no upload %.40q", r.PathValue("id"))
	}
	up, err := svc.Status(r.Context(), id)
	if err == nil && up.UserID != u.ID {
		err = derrors.Errorf(derrors.NotFound, "upload %d", id)
	}
	return up, err
}

type uploadStatusData struct {
	U     *store.Upload
	Final bool
	Steps []uploadStep
}

// uploadStep is one stage on the status page.
type uploadStep struct {
	Name  string
	State string // "done", "current", "todo"
}

func uploadSteps(status string) []uploadStep {
	names := []string{store.UploadQueued, store.UploadExtracting, store.UploadChecking, "finished"}
	cur := 3
	for i, n := range names {
		if n == status {
			cur = i
		}
	}
	steps := make([]uploadStep, len(names))
	for i, n := range names {
		st := "todo"
		switch {
		case i < cur || i == 3 && cur == 3:
			st = "done"
		case i == cur:
			st = "current"
		}
		if i == 3 && cur == 3 {
			n = status
		}
		steps[i] = uploadStep{Name: n, State: st}
	}
	return steps
}

// serveUploadStatus shows an upload: its status, the reason, the live
// lint log and a link to what it became. An unfinished one reloads
// itself every few seconds.
func (s *Server) serveUploadStatus(w http.ResponseWriter, r *http.Request) error {
	svc, err := s.uploadsOn()
	if err != nil {
		return err
	}
	u, _, err := s.sessionUser(r)
	if errors.Is(err, derrors.Unauthenticated) {
		http.Redirect(w, r, "/login?next="+url.QueryEscape(r.URL.Path), http.StatusSeeOther)
		return nil
	}
	if err != nil {
		return err
	}
	up, err := s.ownUpload(r, svc, u)
	if err != nil {
		return err
	}
	final := store.UploadFinal(up.Status)
	if !final {
		w.Header().Set("Refresh", strconv.Itoa(statusRefresh))
	}
	w.Header().Set("Cache-Control", "no-store")
	s.render(w, r, http.StatusOK, "uploadstatus", &page{Title: fmt.Sprintf("Upload %d: %s", up.ID, up.Status),
		Data: &uploadStatusData{U: up, Final: final, Steps: uploadSteps(up.Status)}})
	return nil
}

// apiUploadResponse is what the upload API returns.
type apiUploadResponse struct {
	*store.Upload
	StatusURL string `json:"status_url"` // this record, as JSON
	HTMLURL   string `json:"html_url"`   // the status page
	Final     bool   `json:"final"`
	// ModuleURL or JunkURL link to the outcome, once there is one.
	ModuleURL string `json:"module_url,omitempty"`
	JunkURL   string `json:"junk_url,omitempty"`
}

func (s *Server) uploadResponse(r *http.Request, up *store.Upload) *apiUploadResponse {
	base := s.baseURL(r)
	resp := &apiUploadResponse{Upload: up, Final: store.UploadFinal(up.Status),
		StatusURL: base + "/api" + uploadPath(up.ID), HTMLURL: base + uploadPath(up.ID)}
	switch {
	case up.Status == store.UploadPublished:
		resp.ModuleURL = base + "/m/" + up.Module + "@" + up.Version
	case up.Status == store.UploadJunkcode:
		resp.JunkURL = base + "/junkcode/" + up.Junk
	}
	return resp
}

// apiUpload takes an archive as the request body, from a token with
// the publish scope; the file name comes from ?filename= (the format
// is told by its extension and checked against the content). It
// answers 202 Accepted with the queued upload and its status_url.
func (s *Server) apiUpload(w http.ResponseWriter, r *http.Request) error {
	svc, err := s.uploadsOn()
	if err != nil {
		return err
	}
	u, err := s.requestUser(r, store.ScopePublish)
	if err != nil {
		return err
	}
	if err := s.allowUpload(r, u); err != nil {
		return err
	}
	name := r.URL.Query().Get("filename")
	if name == "" {
		return derrors.Errorf(derrors.InvalidArgument, "want ?filename=NAME.tar.gz (or .tgz, .tar.bz2, .zip, .c, .h)")
	}
	if r.ContentLength > svc.MaxBytes() {
		return derrors.Errorf(derrors.TooLarge, "the upload is larger than %s", humanSize(svc.MaxBytes()))
	}
	ctx, cancel := uploadContext(w, r)
	defer cancel()
	body := http.MaxBytesReader(w, r.Body, svc.MaxBytes()+1) // Submit notices the extra byte
	up, err := svc.Submit(ctx, u.ID, u.Name, []upload.File{{Name: name, R: body}})
	var mb *http.MaxBytesError
	if errors.As(err, &mb) {
		return uploadReadError(err, svc)
	}
	if err != nil {
		return err
	}
	resp := s.uploadResponse(r, up)
	w.Header().Set("Location", resp.StatusURL)
	w.Header().Set("Cache-Control", "no-store")
	writeJSONStatus(w, http.StatusAccepted, resp)
	return nil
}

// apiUploadStatus returns one of the caller's uploads with its log.
func (s *Server) apiUploadStatus(w http.ResponseWriter, r *http.Request) error {
	svc, err := s.uploadsOn()
	if err != nil {
		return err
	}
	u, err := s.requestUser(r, "")
	if err != nil {
		return err
	}
	up, err := s.ownUpload(r, svc, u)
	if err != nil {
		return err
	}
	w.Header().Set("Cache-Control", "no-store")
	return writeJSON(w, r, s.uploadResponse(r, up), jsonType)
}
