package server

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"html/template"
	"io"
	"net/http"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/ccan-archive/ccan/internal/blob"
	"github.com/ccan-archive/ccan/internal/derrors"
	"github.com/ccan-archive/ccan/internal/store"
	"github.com/ccan-archive/ccan/internal/tarball"
)

// maxView is the largest file shown in a page (bigger: raw only).
const maxView = 1 << 20

type fileData struct {
	Owner   string // "ccan/list" or the junkcode name
	Home    string // URL of the owner's page
	Version string
	File    *store.File
	Raw     string // URL of the raw file
	Code    template.HTML
	Binary  bool
	TooBig  bool
}

func (s *Server) serveModuleFile(w http.ResponseWriter, r *http.Request, mp modulePath, path string, raw bool) error {
	f, err := s.cfg.Store.GetFile(r.Context(), mp.Name, mp.Version, path)
	if err != nil {
		return err
	}
	if raw {
		return s.serveRaw(w, r, f, mp.Version != "")
	}
	home := "/m/" + mp.Name
	if mp.Version != "" {
		home += "@" + mp.Version
	}
	d := &fileData{Owner: "ccan/" + mp.Name, Home: home, Version: mp.Version, File: f, Raw: home + "/-/raw/" + f.Path}
	if err := s.fillCode(r.Context(), d); err != nil {
		return err
	}
	s.render(w, r, http.StatusOK, "file", &page{Title: d.Owner + "/" + f.Path, Data: d})
	return nil
}

// fillCode reads a file's content and highlights it.
func (s *Server) fillCode(ctx context.Context, d *fileData) error {
	if d.File.Size > maxView {
		d.TooBig = true
		return nil
	}
	b, err := s.readBlob(ctx, d.File.SHA256)
	if err != nil {
		return err
	}
	if !utf8.Valid(b) || strings.ContainsRune(string(b), 0) {
		d.Binary = true
		return nil
	}
	d.Code = s.hl.code(string(b), isC(d.File.Path), true)
	return nil
}

func (s *Server) readBlob(ctx context.Context, key string) ([]byte, error) {
	o, err := s.cfg.Blobs.Get(ctx, key)
	if err != nil {
		return nil, err
	}
	defer o.Close()
	return io.ReadAll(io.LimitReader(o, maxView+1))
}

// serveRaw serves a file's bytes as text/plain (never as HTML).
func (s *Server) serveRaw(w http.ResponseWriter, r *http.Request, f *store.File, immutable bool) error {
	o, err := s.cfg.Blobs.Get(r.Context(), f.SHA256)
	if err != nil {
		return err
	}
	defer o.Close()
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.Header().Set("ETag", `"`+f.SHA256+`"`)
	if immutable {
		w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
	} else {
		w.Header().Set("Cache-Control", "public, max-age=60")
	}
	http.ServeContent(w, r, "", time.Time{}, o)
	return nil
}

// serveDownload serves a tarball (.tar.gz or .tar.bz2) by its SHA-256:
// immutable content.
func (s *Server) serveDownload(w http.ResponseWriter, r *http.Request) error {
	key, file := r.PathValue("sha"), r.PathValue("file")
	if err := blob.CheckKey(key); err != nil {
		return err
	}
	format, ok := tarball.FormatOf(file)
	if !ok || strings.ContainsAny(file, "\"\\/\r\n") {
		return derrors.Errorf(derrors.InvalidArgument, "download name %.80q", file)
	}
	o, err := s.cfg.Blobs.Get(r.Context(), key)
	if err != nil {
		return err
	}
	defer o.Close()
	if err := checkFormat(o, format); err != nil {
		return err
	}
	h := w.Header()
	h.Set("Content-Type", format.ContentType())
	h.Set("Content-Disposition", `attachment; filename="`+file+`"`)
	h.Set("ETag", `"`+key+`"`)
	h.Set("Cache-Control", "public, max-age=31536000, immutable")
	http.ServeContent(w, r, "", time.Time{}, o)
	return nil
}

// checkFormat reports NotFound unless o starts as a tarball of format
// f does (a source file's blob, or a .tar.gz asked for as .tar.bz2, is
// no such download); it leaves o at its start.
func checkFormat(o io.ReadSeeker, f tarball.Format) error {
	head := make([]byte, 3)
	n, err := io.ReadFull(o, head)
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) && !errors.Is(err, io.EOF) {
		return err
	}
	if got, ok := tarball.Sniff(head[:n]); !ok || got != f {
		return derrors.Errorf(derrors.NotFound, "no %s download with that sha256", f.Ext())
	}
	_, err = o.Seek(0, io.SeekStart)
	return err
}

// downloadURL is where a tarball is served.
func downloadURL(tb *store.Tarball) string { return "/download/" + tb.SHA256 + "/" + tb.Name }

func etagOf(b []byte) string {
	sum := sha256.Sum256(b)
	return `"` + hex.EncodeToString(sum[:]) + `"`
}

type junkData struct {
	Junk  *store.Junk
	Total int64
}

func (s *Server) serveJunkList(w http.ResponseWriter, r *http.Request) error {
	js, err := s.cfg.Store.ListJunk(r.Context())
	if err != nil {
		return err
	}
	s.render(w, r, http.StatusOK, "junklist", &page{Title: "Junkcode", Data: js})
	return nil
}

// serveJunkPath serves /junkcode/NAME and /junkcode/NAME/-/(src|raw)/PATH.
func (s *Server) serveJunkPath(w http.ResponseWriter, r *http.Request) error {
	name, rest, _ := strings.Cut(r.PathValue("path"), "/-/")
	name = strings.TrimSuffix(name, "/")
	if err := store.CheckJunkName(name); err != nil {
		return err
	}
	j, err := s.cfg.Store.GetJunk(r.Context(), name)
	if err != nil {
		return err
	}
	if rest == "" {
		d := junkData{Junk: j}
		for _, f := range j.Files {
			d.Total += f.Size
		}
		s.render(w, r, http.StatusOK, "junk", &page{Title: "Junkcode: " + name, Data: d})
		return nil
	}
	kind, path, _ := strings.Cut(rest, "/")
	if kind != "src" && kind != "raw" {
		return derrors.Errorf(derrors.NotFound, "no page at %s", r.URL.Path)
	}
	if err := store.CheckPath(path); err != nil {
		return err
	}
	for _, f := range j.Files {
		if f.Path == path {
			return s.serveJunkFile(w, r, j, f, kind == "raw")
		}
	}
	return derrors.Errorf(derrors.NotFound, "junkcode %s has no file %s", name, path)
}

func (s *Server) serveJunkFile(w http.ResponseWriter, r *http.Request, j *store.Junk, f *store.File, raw bool) error {
	if raw {
		return s.serveRaw(w, r, f, false)
	}
	home := "/junkcode/" + j.Name
	d := &fileData{Owner: "junkcode/" + j.Name, Home: home, File: f, Raw: home + "/-/raw/" + f.Path}
	if err := s.fillCode(r.Context(), d); err != nil {
		return err
	}
	s.render(w, r, http.StatusOK, "file", &page{Title: d.Owner + "/" + f.Path, Data: d})
	return nil
}
