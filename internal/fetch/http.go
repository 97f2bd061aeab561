package fetch

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/url"
	"strconv"
	"strings"
	"sync"

	"github.com/ccan-archive/ccan/internal/derrors"
	"github.com/ccan-archive/ccan/internal/module"
	"github.com/ccan-archive/ccan/internal/store"
)

// HTTP is an archive served over HTTP(S): "ccan serve", or a static
// export on any web server.
type HTTP struct {
	base *url.URL // without a trailing slash
	c    *client

	once sync.Once
	cfg  *indexConfig
	err  error
}

// indexConfig is /index/config.json: where downloads and the API are.
type indexConfig struct {
	DL  string `json:"dl"`  // template with {sha256} and {name}
	API string `json:"api"` // API root
}

func newHTTP(u *url.URL, opts Options) *HTTP {
	b := *u
	b.Path = strings.TrimSuffix(b.Path, "/")
	b.RawQuery, b.Fragment = "", ""
	return &HTTP{base: &b, c: newClient(opts)}
}

// String implements Source.
func (h *HTTP) String() string { return h.base.String() }

func (h *HTTP) url(path string) string { return h.base.String() + path }

// config reads /index/config.json once; its URLs may be relative to it
// (a static export written without --base-url says "../download/...").
func (h *HTTP) config(ctx context.Context) (*indexConfig, error) {
	h.once.Do(func() {
		u := h.url("/index/config.json")
		var b []byte
		if b, h.err = h.c.get(ctx, u, maxIndexBytes, true); h.err != nil {
			return
		}
		var cfg indexConfig
		if err := json.Unmarshal(b, &cfg); err != nil || !strings.Contains(cfg.DL, "{sha256}") {
			h.err = derrors.Errorf(derrors.InvalidArgument, "%s: not an archive index configuration", u)
			return
		}
		ref, _ := url.Parse(u)
		for _, p := range []*string{&cfg.DL, &cfg.API} {
			if r, err := url.Parse(hide.Replace(*p)); err == nil && *p != "" {
				*p = unhide.Replace(ref.ResolveReference(r).String())
			}
		}
		if cfg.API == "" {
			cfg.API = h.url("/api")
		}
		h.cfg = &cfg
	})
	return h.cfg, h.err
}

// hide and unhide protect the template's placeholders from URL escaping
// while the template is resolved against the configuration's URL.
var (
	hide   = strings.NewReplacer("{sha256}", "ccan-placeholder-sha256", "{name}", "ccan-placeholder-name")
	unhide = strings.NewReplacer("ccan-placeholder-sha256", "{sha256}", "ccan-placeholder-name", "{name}")
)

// Index implements Source.
func (h *HTTP) Index(ctx context.Context, name string) ([]*Entry, error) {
	if err := store.CheckModuleName(name); err != nil {
		return nil, err
	}
	if _, err := h.config(ctx); err != nil {
		return nil, err
	}
	b, err := h.c.get(ctx, h.url("/index/"+escapeName(name)), maxIndexBytes, true)
	if errors.Is(err, derrors.NotFound) {
		return nil, fmt.Errorf("ccan/%s is not in the archive %s: %w", name, h, derrors.NotFound)
	}
	if err != nil {
		return nil, err
	}
	return ParseIndex(name, b)
}

// Open implements Source.
func (h *HTTP) Open(ctx context.Context, name string, tb *Tarball) (io.ReadCloser, error) {
	if err := tb.Check(); err != nil {
		return nil, err
	}
	cfg, err := h.config(ctx)
	if err != nil {
		return nil, err
	}
	u := strings.NewReplacer("{sha256}", tb.SHA256, "{name}", url.PathEscape(tb.Name)).Replace(cfg.DL)
	return h.c.open(ctx, u)
}

// Search implements Source with /api/search; a server without it (a
// static export) is searched through /api/modules.
func (h *HTTP) Search(ctx context.Context, query string, limit int) ([]*Summary, error) {
	cfg, err := h.config(ctx)
	if err != nil {
		return nil, err
	}
	q := url.Values{"q": {query}}
	if limit > 0 {
		q.Set("limit", strconv.Itoa(min(limit, 100)))
	}
	var res []*Summary
	err = h.getJSON(ctx, cfg.API+"/search?"+q.Encode(), &res)
	if errors.Is(err, derrors.NotFound) {
		var all []*Summary
		if err := h.getJSON(ctx, cfg.API+"/modules", &all); err != nil {
			return nil, err
		}
		return matchSummaries(all, query, limit), nil
	}
	return res, err
}

// Describe implements Source with /api/module/NAME.
func (h *HTTP) Describe(ctx context.Context, name, version string) (*module.Info, error) {
	if err := store.CheckModuleName(name); err != nil {
		return nil, err
	}
	cfg, err := h.config(ctx)
	if err != nil {
		return nil, err
	}
	u := cfg.API + "/module/" + escapeName(name)
	if version != "" {
		u += "?version=" + url.QueryEscape(version)
	}
	var mv store.ModuleVersion
	if err := h.getJSON(ctx, u, &mv); err != nil {
		return nil, err
	}
	if version != "" && mv.Version != version {
		return nil, derrors.Errorf(derrors.NotFound, "ccan/%s@%s: the archive describes only %s", name, version, mv.Version)
	}
	return infoOf(&mv), nil
}

func (h *HTTP) getJSON(ctx context.Context, u string, v any) error {
	b, err := h.c.get(ctx, u, maxAPIBytes, false)
	if err != nil {
		return err
	}
	if err := json.Unmarshal(b, v); err != nil {
		return derrors.Errorf(derrors.InvalidArgument, "%s: %v", u, err)
	}
	return nil
}

// escapeName escapes each component of a module name for a URL path.
func escapeName(name string) string {
	parts := strings.Split(name, "/")
	for i, p := range parts {
		parts[i] = url.PathEscape(p)
	}
	return strings.Join(parts, "/")
}

// infoOf turns the archive's description of a version into the Info
// "ccan info" prints.
func infoOf(mv *store.ModuleVersion) *module.Info {
	in := &module.Info{
		Name: mv.Name, Summary: mv.Summary, Description: mv.Description, Example: mv.Example,
		License: mv.License, LicenseFile: mv.LicenseFile, Authors: mv.Authors, Maintainers: mv.Maintainers,
		SeeAlso: mv.SeeAlso, Version: mv.Version, Depends: mv.Depends, AllDepends: mv.AllDepends,
		TestDepends: mv.TestDepends, Libs: mv.Libs, Warnings: mv.Warnings, Files: map[string][]string{},
	}
	for _, f := range mv.Files {
		in.Files[f.Kind] = append(in.Files[f.Kind], f.Path)
	}
	return in
}
