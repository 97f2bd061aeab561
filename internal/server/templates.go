package server

import (
	"bytes"
	"embed"
	"encoding/json"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/ccan-archive/ccan/internal/store"
)

//go:embed templates/*.tmpl static/*
var embedded embed.FS

// pageNames are the templates, each rendered inside templates/base.tmpl.
var pageNames = []string{"home", "modules", "module", "file", "search", "junklist", "junk", "error", "login", "register", "account", "maintainers", "upload", "uploadstatus"}

// templates holds the parsed pages; in dev mode it re-parses from disk
// on every lookup.
type templates struct {
	dev   fs.FS // nil: use parsed
	pages map[string]*template.Template
	// bufs holds render's buffers: growing a fresh one to a page's
	// size (10 KB for a search page) on every request cost more than
	// writing the page.
	bufs sync.Pool
}

// maxPooledBuf is the largest buffer put back into templates.bufs.
const maxPooledBuf = 256 << 10

func newTemplates(devDir string) (*templates, error) {
	t := &templates{}
	if devDir != "" {
		t.dev = os.DirFS(devDir)
	}
	pages, err := parsePages(t.source())
	if err != nil {
		return nil, err
	}
	t.pages = pages
	return t, nil
}

func (t *templates) source() fs.FS {
	if t.dev != nil {
		return t.dev
	}
	return embedded
}

func parsePages(fsys fs.FS) (map[string]*template.Template, error) {
	pages := map[string]*template.Template{}
	for _, name := range pageNames {
		tm, err := template.New("base.tmpl").Funcs(templateFuncs()).ParseFS(fsys, "templates/base.tmpl", "templates/"+name+".tmpl")
		if err != nil {
			return nil, fmt.Errorf("parsing template %s: %w", name, err)
		}
		pages[name] = tm
	}
	return pages, nil
}

func (t *templates) get(name string) (*template.Template, error) {
	if t.dev != nil {
		pages, err := parsePages(t.dev)
		if err != nil {
			return nil, err
		}
		return pages[name], nil
	}
	return t.pages[name], nil
}

// page is what every template receives.
type page struct {
	Title  string
	Query  string // for the search box
	Feed   string // an Atom feed for <link rel=alternate>, if any
	CSS    string // stylesheet URL (with a content hash)
	Chroma string // highlighting stylesheet URL
	Data   any
	// Accounts reports whether the site has accounts (the log-in and
	// register links), Uploads whether it takes uploads (the upload
	// link); User is the logged-in user (nil: anonymous) and CSRF the
	// form token that every form must carry (see auth.go).
	Accounts bool
	Uploads  bool
	User     *store.User
	CSRF     string
}

// render executes a page template into a buffer, then writes it, so a
// template error becomes a clean 500 rather than half a page.
func (s *Server) render(w http.ResponseWriter, r *http.Request, status int, name string, p *page) {
	p.CSS, p.Chroma = s.static.url("style.css"), s.static.url("chroma.css")
	s.pageUser(r, p)
	if p.Accounts {
		w.Header().Add("Vary", "Cookie") // the header differs once logged in
	}
	if p.User != nil || p.CSRF != "" {
		w.Header().Set("Cache-Control", "private, no-store") // personal: never cached, here or on the way
	}
	tm, err := s.templates.get(name)
	buf, _ := s.templates.bufs.Get().(*bytes.Buffer)
	if buf == nil {
		buf = new(bytes.Buffer)
	}
	defer func() {
		if buf.Cap() <= maxPooledBuf {
			buf.Reset()
			s.templates.bufs.Put(buf)
		}
	}()
	if err == nil {
		err = tm.Execute(buf, p)
	}
	if err != nil {
		s.log.Error("rendering", "template", name, "err", err)
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	if w.Header().Get("Cache-Control") == "" {
		w.Header().Set("Cache-Control", "public, max-age=60")
	}
	w.WriteHeader(status)
	w.Write(buf.Bytes())
}

// templateFuncs returns the template helpers.
func templateFuncs() template.FuncMap {
	return template.FuncMap{
		"size":         humanSize,
		"date":         func(t time.Time) string { return t.UTC().Format("2006-01-02") },
		"datetime":     func(t time.Time) string { return t.UTC().Format("2006-01-02 15:04 UTC") },
		"rfc3339":      func(t time.Time) string { return t.UTC().Format(time.RFC3339) },
		"description":  renderDescription,
		"dl":           tarballURL,
		"modname":      func(dep string) string { return strings.TrimPrefix(dep, "ccan/") },
		"isccan":       func(dep string) bool { return strings.HasPrefix(dep, "ccan/") },
		"short":        func(s string) string { return s[:min(12, len(s))] },
		"percent":      percent,
		"scoretier":    scoreTier,
		"statusclass":  statusClass,
		"lintmessages": lintMessages,
	}
}

func percent(score, total int) int {
	if total == 0 {
		return 0
	}
	return score * 100 / total
}

// scoreTier names a score's colour class: good (>= 90%), fair (>= 60%)
// or poor.
func scoreTier(score, total int) string {
	switch p := percent(score, total); {
	case p >= 90:
		return "good"
	case p >= 60:
		return "fair"
	}
	return "poor"
}

// statusClass is a lint status's first word ("skip" of "skip: no
// tests"), for a CSS class.
func statusClass(status string) string {
	word, _, _ := strings.Cut(status, ":")
	return strings.Map(func(r rune) rune {
		if r >= 'a' && r <= 'z' || r == '-' || r == '_' {
			return r
		}
		return -1
	}, strings.ToLower(strings.TrimSpace(word)))
}

// lintMessages turns a check's stored messages into display lines. The
// linter stores a JSON array of {file, line, message}; plain strings
// are accepted too, and anything else is shown as it is.
func lintMessages(raw json.RawMessage) []string {
	var diags []struct {
		File    string `json:"file"`
		Line    int    `json:"line"`
		Message string `json:"message"`
	}
	if json.Unmarshal(raw, &diags) == nil {
		lines := make([]string, len(diags))
		for i, d := range diags {
			switch {
			case d.File == "":
				lines[i] = d.Message
			case d.Line == 0:
				lines[i] = d.File + ": " + d.Message
			default:
				lines[i] = fmt.Sprintf("%s:%d: %s", d.File, d.Line, d.Message)
			}
		}
		return lines
	}
	var strs []string
	if json.Unmarshal(raw, &strs) == nil {
		return strs
	}
	return []string{string(raw)}
}

// tarballURL is downloadURL for a Tarball or *Tarball.
func tarballURL(v any) string {
	switch tb := v.(type) {
	case store.Tarball:
		return downloadURL(&tb)
	case *store.Tarball:
		return downloadURL(tb)
	}
	return ""
}

func humanSize(n int64) string {
	switch {
	case n < 1024:
		return fmt.Sprintf("%d B", n)
	case n < 1024*1024:
		return fmt.Sprintf("%.1f KiB", float64(n)/1024)
	default:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1024*1024))
	}
}

// renderDescription formats an _info description as the original site
// did: blank lines separate paragraphs, indented lines are preformatted.
func renderDescription(text string) template.HTML {
	var b strings.Builder
	var para, pre []string
	flush := func() {
		if len(para) > 0 {
			b.WriteString("<p>" + template.HTMLEscapeString(strings.Join(para, "\n")) + "</p>\n")
			para = nil
		}
		if len(pre) > 0 {
			b.WriteString("<pre>" + template.HTMLEscapeString(dedent(pre)) + "</pre>\n")
			pre = nil
		}
	}
	for _, l := range strings.Split(text, "\n") {
		switch {
		case strings.TrimSpace(l) == "":
			if len(pre) > 0 {
				pre = append(pre, "")
			} else {
				flush()
			}
		case l[0] == ' ' || l[0] == '\t':
			if len(para) > 0 {
				flush()
			}
			pre = append(pre, l)
		default:
			if len(pre) > 0 {
				flush()
			}
			para = append(para, l)
		}
	}
	flush()
	return template.HTML(b.String())
}

// dedent removes trailing blank lines and the common indentation.
func dedent(lines []string) string {
	for len(lines) > 0 && strings.TrimSpace(lines[len(lines)-1]) == "" {
		lines = lines[:len(lines)-1]
	}
	common := -1
	for _, l := range lines {
		if strings.TrimSpace(l) == "" {
			continue
		}
		n := len(l) - len(strings.TrimLeft(l, " \t"))
		if common < 0 || n < common {
			common = n
		}
	}
	for i, l := range lines {
		if len(l) >= common && common > 0 {
			lines[i] = l[common:]
		}
	}
	return strings.Join(lines, "\n")
}

// staticFiles serves static/ plus the generated highlighting CSS, with
// content-hashed URLs so they can be cached for a long time.
type staticFiles struct {
	dev   fs.FS
	files map[string][]byte
	etags map[string]string
}

func newStatic(devDir string, chromaCSS []byte) (*staticFiles, error) {
	st := &staticFiles{files: map[string][]byte{"chroma.css": chromaCSS}, etags: map[string]string{}}
	src := fs.FS(embedded)
	if devDir != "" {
		st.dev = os.DirFS(devDir)
		src = st.dev
	}
	ents, err := fs.ReadDir(src, "static")
	if err != nil {
		return nil, err
	}
	for _, e := range ents {
		b, err := fs.ReadFile(src, "static/"+e.Name())
		if err != nil {
			return nil, err
		}
		st.files[e.Name()] = b
	}
	for name, b := range st.files {
		st.etags[name] = etagOf(b)
	}
	return st, nil
}

func (st *staticFiles) url(name string) string {
	return "/static/" + name + "?v=" + strings.Trim(st.etags[name], `"`)[:12]
}

func (s *Server) serveStatic(w http.ResponseWriter, r *http.Request) error {
	name := r.PathValue("file")
	b, ok := s.static.files[name]
	if s.static.dev != nil && name != "chroma.css" {
		var err error
		b, err = fs.ReadFile(s.static.dev, "static/"+filepath.Base(name))
		ok = err == nil
	}
	if !ok {
		return s.serveNotFound(w, r)
	}
	ct := "text/plain; charset=utf-8"
	switch filepath.Ext(name) {
	case ".css":
		ct = "text/css; charset=utf-8"
	case ".js":
		ct = "text/javascript; charset=utf-8"
	case ".svg":
		ct = "image/svg+xml"
	}
	w.Header().Set("Content-Type", ct)
	w.Header().Set("ETag", etagOf(b))
	w.Header().Set("Cache-Control", "public, max-age=86400")
	http.ServeContent(w, r, name, time.Time{}, bytes.NewReader(b))
	return nil
}
