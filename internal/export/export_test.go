package export

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// site is a small web site shaped like the archive's: HTML pages that
// link to each other (and to a search with a query), JSON, and a path
// that is both a file and the directory of another (/index/str and
// /index/str/hex).
func site() http.Handler {
	mux := http.NewServeMux()
	html := func(body string) http.HandlerFunc {
		return func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			io.WriteString(w, body)
		}
	}
	text := func(body string) http.HandlerFunc {
		return func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, body) }
	}
	mux.Handle("GET /{$}", html(`<a href="/m/str">str</a> <a href="/search?q=x">search</a> <link href="/static/style.css"> <script src="/static/app.js?v=12ab"></script> <a href="https://elsewhere/">x</a>`))
	mux.Handle("GET /m/str", html(`<a href="/m/str/-/src/str.h#L1">src</a> <a href="/m/str/hex">hex</a> <a href="/m/gone">gone</a>`))
	mux.Handle("GET /m/str/hex", html(`hex page`))
	mux.Handle("GET /m/str/-/src/str.h", html(`source page`))
	mux.Handle("GET /static/style.css", text(`body {}`))
	mux.Handle("GET /static/app.js", text(`app()`))
	mux.Handle("GET /index/str", text("str index\n"))
	mux.Handle("GET /index/str/hex", text("hex index\n"))
	mux.Handle("GET /download/abc/str.tar.gz", text("tarball"))
	return mux
}

func files(t *testing.T, dir string) []string {
	var out []string
	filepath.Walk(dir, func(p string, fi os.FileInfo, err error) error {
		if err == nil && fi.Mode().IsRegular() {
			rel, _ := filepath.Rel(dir, p)
			out = append(out, filepath.ToSlash(rel))
		}
		return err
	})
	sort.Strings(out)
	return out
}

func TestWrite(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "mirror")
	rep, err := Write(context.Background(), dir, Options{Handler: site(), Seeds: []string{"/index/str", "/index/str/hex", "/download/abc/str.tar.gz", "/index/config.json"}})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"download/abc/str.tar.gz", "index.html", "index/str/hex", "index/str/index.html",
		"m/str/-/src/str.h/index.html", "m/str/hex/index.html", "m/str/index.html", "static/app.js", "static/style.css"}
	if diff := cmp.Diff(want, files(t, dir)); diff != "" {
		t.Errorf("files (-want +got):\n%s", diff)
	}
	if !cmp.Equal(rep.Missing, []string{"/index/config.json", "/m/gone"}) && !cmp.Equal(rep.Missing, []string{"/m/gone", "/index/config.json"}) {
		t.Errorf("missing = %v", rep.Missing)
	}
	for p, body := range map[string]string{"/index/str": "str index\n", "/index/str/hex": "hex index\n", "/m/str/hex": "hex page"} {
		if b, err := ReadFile(dir, p, 100); err != nil || string(b) != body {
			t.Errorf("ReadFile(%s) = %q, %v", p, b, err)
		}
	}
	if _, err := ReadFile(dir, "/index/../../etc/passwd", 100); err == nil {
		t.Errorf("ReadFile escaped the export")
	}

	// A plain file server answers every path with the site's bytes.
	fsrv := httptest.NewServer(http.FileServer(http.Dir(dir)))
	defer fsrv.Close()
	for p, want := range map[string]string{"/index/str": "str index\n", "/index/str/hex": "hex index\n", "/m/str": "src", "/static/style.css": "body {}", "/static/app.js?v=12ab": "app()"} {
		resp, err := http.Get(fsrv.URL + p)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 200 || !strings.Contains(string(b), want) {
			t.Errorf("file server GET %s = %d %q, want %q", p, resp.StatusCode, b, want)
		}
	}
}

func TestWriteReplaces(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "mirror")
	seeds := Options{Handler: site(), Seeds: []string{"/index/config.json"}}
	mux := http.NewServeMux()
	mux.Handle("/", site())
	mux.HandleFunc("GET /index/config.json", func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, "{}") })
	seeds.Handler = mux
	if _, err := Write(context.Background(), dir, seeds); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(dir, "stale"), nil, 0o644)
	if _, err := Write(context.Background(), dir, seeds); err != nil {
		t.Fatalf("re-export: %v", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "stale")); err == nil {
		t.Errorf("re-export kept a stale file")
	}
	other := t.TempDir()
	os.WriteFile(filepath.Join(other, "precious"), nil, 0o644)
	if _, err := Write(context.Background(), other, seeds); err == nil || !strings.Contains(err.Error(), "not an archive export") {
		t.Errorf("export over a foreign directory = %v", err)
	}
	if _, err := os.Stat(filepath.Join(other, "precious")); err != nil {
		t.Errorf("foreign directory damaged: %v", err)
	}
}

func FuzzLinks(f *testing.F) {
	f.Add(`<a href="/m/str#L1">x</a><img src="/static/a.png"><a href="//evil/">`)
	f.Add(`<a href="/search?q=a&amp;b">`)
	f.Add(`<link href="/static/a.css?v=1"><link href="/static/b.css?v=1&amp;v=2"><a href="/?v=">`)
	f.Fuzz(func(t *testing.T, page string) {
		for _, l := range links([]byte(page)) {
			if !strings.HasPrefix(l, "/") || strings.HasPrefix(l, "//") || strings.ContainsAny(l, "?#") {
				t.Fatalf("links returned %q", l)
			}
		}
	})
}
