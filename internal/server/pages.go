package server

import (
	"context"
	"errors"
	"html/template"
	"net/http"
	"strconv"
	"strings"

	"github.com/ccan-archive/ccan/internal/derrors"
	"github.com/ccan-archive/ccan/internal/store"
)

type homeData struct {
	Counts     *store.Counts
	Recent     []*store.VersionSummary
	Archive    *store.Tarball
	ArchiveBz2 *store.Tarball
}

func (s *Server) serveHome(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	c, err := s.cfg.Store.Counts(ctx)
	if err != nil {
		return err
	}
	recent, err := s.cfg.Store.RecentVersions(ctx, 10)
	if err != nil {
		return err
	}
	d := homeData{Counts: c, Recent: recent}
	if d.Archive, d.ArchiveBz2, err = s.archives(ctx); err != nil {
		return err
	}
	s.render(w, r, http.StatusOK, "home", &page{Title: "CCAN: the C Code Archive Network", Feed: "/feed.atom", Data: d})
	return nil
}

type modulesData struct {
	Modules    []*store.ModuleSummary
	Archive    *store.Tarball
	ArchiveBz2 *store.Tarball
	Junk       int
}

// archives returns the newest whole-archive tarballs (nil when none).
func (s *Server) archives(ctx context.Context) (gz, bz2 *store.Tarball, err error) {
	if gz, err = s.cfg.Store.Archive(ctx, store.TarballArchive); err != nil && !errors.Is(err, derrors.NotFound) {
		return nil, nil, err
	}
	if bz2, err = s.cfg.Store.Archive(ctx, store.TarballArchiveBz2); err != nil && !errors.Is(err, derrors.NotFound) {
		return nil, nil, err
	}
	return gz, bz2, nil
}

func (s *Server) serveModules(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	ms, err := s.cfg.Store.ListModules(ctx)
	if err != nil {
		return err
	}
	d := modulesData{Modules: ms}
	if d.Archive, d.ArchiveBz2, err = s.archives(ctx); err != nil {
		return err
	}
	c, err := s.cfg.Store.Counts(ctx)
	if err != nil {
		return err
	}
	d.Junk = c.Junkcode
	s.render(w, r, http.StatusOK, "modules", &page{Title: "All modules", Feed: "/feed.atom", Data: d})
	return nil
}

// modulePath is a parsed /m/ URL path: NAME[@VERSION][/-/REST].
type modulePath struct {
	Name, Version, Rest string
}

func parseModulePath(p string) (modulePath, error) {
	var mp modulePath
	head, rest, _ := strings.Cut(p, "/-/")
	mp.Rest = rest
	head = strings.TrimSuffix(head, "/")
	mp.Name, mp.Version, _ = strings.Cut(head, "@")
	if err := store.CheckModuleName(mp.Name); err != nil {
		return mp, err
	}
	if strings.Contains(p, "@") && store.CheckVersion(mp.Version) != nil {
		return mp, derrors.Errorf(derrors.InvalidArgument, "bad version %.80q", mp.Version)
	}
	return mp, nil
}

// serveModulePath dispatches /m/NAME[@VERSION][/-/(src|raw)/PATH|/-/feed.atom].
func (s *Server) serveModulePath(w http.ResponseWriter, r *http.Request) error {
	mp, err := parseModulePath(r.PathValue("path"))
	if err != nil {
		return err
	}
	switch kind, path, _ := strings.Cut(mp.Rest, "/"); {
	case mp.Rest == "":
		return s.serveModule(w, r, mp)
	case mp.Rest == "feed.atom":
		return s.serveModuleFeed(w, r, mp.Name)
	case mp.Rest == "maintainers":
		return s.serveMaintainers(w, r, mp)
	case kind == "src" || kind == "raw":
		return s.serveModuleFile(w, r, mp, path, kind == "raw")
	}
	return derrors.Errorf(derrors.NotFound, "no page at %s", r.URL.Path)
}

type moduleData struct {
	M           *store.ModuleVersion
	Latest      bool
	Example     any
	CCANDeps    []string
	ExtDeps     []string
	ReverseDeps []string
	AllRevDeps  int
	Versions    []*store.VersionSummary
	Lint        *store.LintResult
	WithDeps    *store.Tarball
	Plain       *store.Tarball
	WithDepsBz2 *store.Tarball // the same as .tar.bz2 (nil if none)
	PlainBz2    *store.Tarball
	FileGroups  []fileGroup
	Owners      *ownersData // nil when accounts are off
}

type fileGroup struct {
	Kind  string
	Files []*store.File
}

func (s *Server) serveModule(w http.ResponseWriter, r *http.Request, mp modulePath) error {
	ctx := r.Context()
	st := s.cfg.Store
	mv, err := st.GetModule(ctx, mp.Name, mp.Version)
	if err != nil {
		return err
	}
	d := &moduleData{M: mv, Latest: mp.Version == "", WithDeps: mv.Tarball(store.TarballWithDeps), Plain: mv.Tarball(store.TarballModule),
		WithDepsBz2: mv.Tarball(store.TarballWithDepsBz2), PlainBz2: mv.Tarball(store.TarballModuleBz2)}
	d.Example = s.hl.code(mv.Example, true, false)
	for _, dep := range mv.Depends {
		if strings.HasPrefix(dep, "ccan/") {
			d.CCANDeps = append(d.CCANDeps, dep)
		} else {
			d.ExtDeps = append(d.ExtDeps, dep)
		}
	}
	if d.ReverseDeps, err = st.ReverseDeps(ctx, mv.Name, false); err != nil {
		return err
	}
	all, err := st.ReverseDeps(ctx, mv.Name, true)
	if err != nil {
		return err
	}
	d.AllRevDeps = len(all)
	if d.Versions, err = st.Versions(ctx, mv.Name); err != nil {
		return err
	}
	if d.Lint, err = st.GetLint(ctx, mv.Name, mv.Version); err != nil && !errors.Is(err, derrors.NotFound) {
		return err
	}
	d.FileGroups = groupFiles(mv.Files)
	if d.Owners, err = s.moduleOwners(r, mv.Name); err != nil {
		return err
	}
	if mp.Version != "" {
		w.Header().Set("Cache-Control", "public, max-age=3600")
	}
	s.render(w, r, http.StatusOK, "module", &page{Title: "ccan/" + mv.Name, Feed: "/m/" + mv.Name + "/-/feed.atom", Data: d})
	return nil
}

// fileKinds are the file kinds in display order, with their titles.
func fileKinds() [][2]string {
	return [][2]string{
		{"info", "_info"}, {"header", "Headers"}, {"source", "Source"}, {"run_test", "Run tests"},
		{"api_test", "API tests"}, {"compile_ok_test", "Compile-OK tests"}, {"compile_fail_test", "Compile-fail tests"},
		{"test_helper", "Test helpers"}, {"test_other", "Other test files"}, {"other", "Other files"},
	}
}

// groupFiles groups files by kind, in display order; unknown kinds go
// with the other files.
func groupFiles(files []*store.File) []fileGroup {
	byKind := map[string][]*store.File{}
	for _, f := range files {
		byKind[f.Kind] = append(byKind[f.Kind], f)
	}
	var groups []fileGroup
	known := map[string]bool{}
	for _, k := range fileKinds() {
		known[k[0]] = true
	}
	for _, f := range files {
		if !known[f.Kind] {
			byKind["other"] = append(byKind["other"], f)
		}
	}
	for _, k := range fileKinds() {
		if fs := byKind[k[0]]; len(fs) > 0 {
			groups = append(groups, fileGroup{Kind: k[1], Files: fs})
		}
	}
	return groups
}

type searchData struct {
	Query   string
	Results []*store.SearchResult
	Items   template.HTML // Results as <li> elements (resultItems)
}

func (s *Server) serveSearch(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query().Get("q")
	res, err := s.cfg.Store.Search(r.Context(), q, 50)
	if err != nil {
		return err
	}
	if len(res) > 0 && res[0].Tier == store.TierExactName && r.URL.Query().Get("go") != "" {
		http.Redirect(w, r, "/m/"+res[0].Name, http.StatusFound)
		return nil
	}
	title := "Search"
	if q != "" {
		title = "Search: " + q
	}
	s.render(w, r, http.StatusOK, "search", &page{Title: title, Query: q, Data: searchData{Query: q, Results: res, Items: resultItems(res)}})
	return nil
}

// resultItems renders search results as the list items of the search
// page. It is Go rather than template code because a page lists up to
// 50 modules, and executing a template over them (reflection for every
// field, an escaping function call for every value) cost several times
// the search itself (docs/design.md, Search).
func resultItems(res []*store.SearchResult) template.HTML {
	var b strings.Builder
	b.Grow(len(res) * 256)
	for _, r := range res {
		ms := &r.ModuleSummary
		// Names ([A-Za-z0-9_+-], one '/' at most) need no URL escaping.
		b.WriteString(`<li><a href="/m/`)
		writeEscaped(&b, ms.Name)
		b.WriteString(`">`)
		writeEscaped(&b, ms.Name)
		b.WriteString(`</a> <span class="summary">`)
		writeEscaped(&b, ms.Summary)
		b.WriteString("</span>\n  <span class=\"meta\">")
		writeEscaped(&b, ms.License)
		if ms.ReverseDeps != 0 {
			b.WriteString(` · used by `)
			b.WriteString(strconv.Itoa(ms.ReverseDeps))
		}
		b.WriteString("</span></li>\n")
	}
	return template.HTML(b.String())
}

// writeEscaped writes s escaped as HTML text or attribute value, as
// template.HTMLEscapeString does.
func writeEscaped(b *strings.Builder, s string) {
	start := 0
	for i := 0; i < len(s); i++ {
		var esc string
		switch s[i] {
		case '&':
			esc = "&amp;"
		case '\'':
			esc = "&#39;"
		case '<':
			esc = "&lt;"
		case '>':
			esc = "&gt;"
		case '"':
			esc = "&#34;"
		case 0:
			esc = "\uFFFD"
		default:
			continue
		}
		b.WriteString(s[start:i])
		b.WriteString(esc)
		start = i + 1
	}
	b.WriteString(s[start:])
}
