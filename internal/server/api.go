package server

import (
	"bytes"
	"encoding/json"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/ccan-archive/ccan/internal/derrors"
	"github.com/ccan-archive/ccan/internal/store"
)

// writeJSON writes v as the 200 response, with an ETag so clients can
// revalidate cheaply.
func writeJSON(w http.ResponseWriter, r *http.Request, v any, contentType string) error {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		return err
	}
	return writeBody(w, r, buf.Bytes(), contentType)
}

func writeBody(w http.ResponseWriter, r *http.Request, b []byte, contentType string) error {
	etag := etagOf(b)
	h := w.Header()
	h.Set("Content-Type", contentType)
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("ETag", etag)
	if h.Get("Cache-Control") == "" {
		h.Set("Cache-Control", "public, max-age=60")
	}
	if match := r.Header.Get("If-None-Match"); match != "" && strings.Contains(match, etag) {
		w.WriteHeader(http.StatusNotModified)
		return nil
	}
	w.Write(b)
	return nil
}

const jsonType = "application/json; charset=utf-8"

func (s *Server) apiModules(w http.ResponseWriter, r *http.Request) error {
	ms, err := s.cfg.Store.ListModules(r.Context())
	if err != nil {
		return err
	}
	return writeJSON(w, r, ms, jsonType)
}

// apiModuleResponse is a module version plus its reverse dependencies.
type apiModuleResponse struct {
	*store.ModuleVersion
	ReverseDeps []string `json:"reverse_deps"`
}

func (s *Server) apiModule(w http.ResponseWriter, r *http.Request) error {
	name, version := r.PathValue("name"), r.URL.Query().Get("version")
	mv, err := s.cfg.Store.GetModule(r.Context(), name, version)
	if err != nil {
		return err
	}
	rd, err := s.cfg.Store.ReverseDeps(r.Context(), name, false)
	if err != nil {
		return err
	}
	return writeJSON(w, r, apiModuleResponse{mv, rd}, jsonType)
}

func (s *Server) apiVersions(w http.ResponseWriter, r *http.Request) error {
	vs, err := s.cfg.Store.Versions(r.Context(), r.PathValue("name"))
	if err != nil {
		return err
	}
	return writeJSON(w, r, vs, jsonType)
}

func (s *Server) apiSearch(w http.ResponseWriter, r *http.Request) error {
	limit := 20
	if l := r.URL.Query().Get("limit"); l != "" {
		n, err := strconv.Atoi(l)
		if err != nil || n < 1 || n > 100 {
			return derrors.Errorf(derrors.InvalidArgument, "limit must be 1..100")
		}
		limit = n
	}
	res, err := s.cfg.Store.Search(r.Context(), r.URL.Query().Get("q"), limit)
	if err != nil {
		return err
	}
	return writeJSON(w, r, res, jsonType)
}

func (s *Server) apiReverseDeps(w http.ResponseWriter, r *http.Request) error {
	name := r.PathValue("name")
	all := r.URL.Query().Get("all") == "1" || r.URL.Query().Get("all") == "true"
	if _, err := s.cfg.Store.GetModule(r.Context(), name, ""); err != nil {
		return err
	}
	rd, err := s.cfg.Store.ReverseDeps(r.Context(), name, all)
	if err != nil {
		return err
	}
	return writeJSON(w, r, map[string]any{"name": name, "all": all, "reverse_deps": rd}, jsonType)
}

func (s *Server) apiLint(w http.ResponseWriter, r *http.Request) error {
	res, err := s.cfg.Store.GetLint(r.Context(), r.PathValue("name"), r.URL.Query().Get("version"))
	if err != nil {
		return err
	}
	return writeJSON(w, r, res, jsonType)
}

func (s *Server) apiJunk(w http.ResponseWriter, r *http.Request) error {
	js, err := s.cfg.Store.ListJunk(r.Context())
	if err != nil {
		return err
	}
	return writeJSON(w, r, js, jsonType)
}

func (s *Server) apiCounts(w http.ResponseWriter, r *http.Request) error {
	c, err := s.cfg.Store.Counts(r.Context())
	if err != nil {
		return err
	}
	return writeJSON(w, r, c, jsonType)
}

// indexEntry is one line of /index/NAME: one version, oldest first.
type indexEntry struct {
	Name     string         `json:"name"`
	Version  string         `json:"vers"`
	Created  string         `json:"created"`
	Deps     []string       `json:"deps"`     // direct ccan/ dependencies
	External []string       `json:"external"` // direct non-ccan dependencies
	Tarball  *store.Tarball `json:"tarball"`
	WithDeps *store.Tarball `json:"with_deps"`
	Yanked   bool           `json:"yanked,omitempty"` // hidden from resolution; fetch only by exact version
}

func (s *Server) indexConfig(w http.ResponseWriter, r *http.Request) error {
	base := s.baseURL(r)
	return writeJSON(w, r, map[string]string{
		"dl":  base + "/download/{sha256}/{name}",
		"api": base + "/api",
	}, jsonType)
}

func (s *Server) indexModule(w http.ResponseWriter, r *http.Request) error {
	vs, err := s.cfg.Store.Versions(r.Context(), r.PathValue("name"))
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	for _, v := range slices.Backward(vs) {
		e := indexEntry{Name: v.Name, Version: v.Version, Created: v.Created.Format("2006-01-02T15:04:05Z"),
			Deps: []string{}, External: []string{}, Yanked: v.Yanked}
		for _, d := range v.Depends {
			if strings.HasPrefix(d, "ccan/") {
				e.Deps = append(e.Deps, d)
			} else {
				e.External = append(e.External, d)
			}
		}
		for i := range v.Tarballs {
			switch tb := &v.Tarballs[i]; tb.Kind {
			case store.TarballModule:
				e.Tarball = tb
			case store.TarballWithDeps:
				e.WithDeps = tb
			}
		}
		b, err := json.Marshal(e)
		if err != nil {
			return err
		}
		buf.Write(b)
		buf.WriteByte('\n')
	}
	return writeBody(w, r, buf.Bytes(), "application/x-ndjson; charset=utf-8")
}

// baseURL is the configured external URL, else scheme://Host.
func (s *Server) baseURL(r *http.Request) string {
	if s.cfg.BaseURL != "" {
		return strings.TrimSuffix(s.cfg.BaseURL, "/")
	}
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	return scheme + "://" + r.Host
}
