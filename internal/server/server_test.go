package server

import (
	"compress/gzip"
	"context"
	"encoding/json"
	"html/template"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/ccan-archive/ccan/internal/archive/archivetest"
	"github.com/ccan-archive/ccan/internal/store"
)

// newTestServer imports the starter archive into a fresh store and
// returns a server over it.
func newTestServer(t testing.TB) (*Server, store.Store) {
	t.Helper()
	st, bs, _ := archivetest.Starter(t)
	s, err := New(Config{Store: st, Blobs: bs, Log: slog.New(slog.DiscardHandler)})
	if err != nil {
		t.Fatal(err)
	}
	return s, st
}

func get(t testing.TB, s http.Handler, url string, hdr ...string) *httptest.ResponseRecorder {
	t.Helper()
	req := httptest.NewRequest("GET", url, nil)
	for i := 0; i+1 < len(hdr); i += 2 {
		req.Header.Set(hdr[i], hdr[i+1])
	}
	w := httptest.NewRecorder()
	s.ServeHTTP(w, req)
	return w
}

func TestPages(t *testing.T) {
	s, st := newTestServer(t)
	mv, err := st.GetModule(context.Background(), "str/hex", "")
	if err != nil {
		t.Fatal(err)
	}
	withDeps := mv.Tarball(store.TarballWithDeps)
	tests := []struct {
		url    string
		status int
		want   []string // substrings of the body
	}{
		{"/", 200, []string{"ccan get", "Newest versions", `name="q"`}},
		{"/modules", 200, []string{`href="/m/list"`, "str/hex", "/download/"}},
		{"/m/list", 200, []string{"ccan get list", `class="chroma"`, "Lint score", "Not linted yet", "/m/list/-/src/list.h"}},
		{"/m/str", 200, []string{`class="rdep" href="/m/list"`}},
		{"/m/str/hex", 200, []string{`class="dep" href="/m/compiler"`, withDeps.SHA256}},
		{"/m/str/hex@" + mv.Version, 200, []string{"ccan/str/hex"}},
		{"/m/str/hex@nope", 404, nil},
		{"/m/list/-/src/list.h", 200, []string{`id="L1"`, "list.h"}},
		{"/m/list/-/raw/list.h", 200, []string{"#"}},
		{"/m/list/-/src/nope.c", 404, nil},
		{"/m/list/-/feed.atom", 200, []string{"<feed", "ccan/list"}},
		{"/m/list/-/bogus", 404, nil},
		{"/m/nosuch", 404, nil},
		{"/m/a/b/c", 400, nil},
		{"/m/%20x", 400, nil},
		{"/search?q=hash", 200, []string{`href="/m/hash"`}},
		{"/search?q=" + strings.Repeat("x", 300), 400, nil},
		{"/search", 200, []string{"Search names"}},
		{"/junkcode", 200, []string{"Junkcode"}},
		{"/junkcode/nobody", 404, nil},
		{"/feed.atom", 200, []string{"<feed"}},
		{"/healthz", 200, []string{"ok"}},
		{"/metrics", 200, []string{"ccan_http_requests_total"}},
		{"/download/" + withDeps.SHA256 + "/" + withDeps.Name, 200, nil},
		{"/download/" + strings.Repeat("0", 64) + "/x.tar.gz", 404, nil},
		{"/download/xyz/x.tar.gz", 400, nil},
		{"/api/modules", 200, []string{`"name": "list"`}},
		{"/api/module/str/hex", 200, []string{`"reverse_deps"`, `"files"`}},
		{"/api/module/nosuch", 404, []string{`"error"`}},
		{"/api/versions/list", 200, []string{mv.Version[:5]}},
		{"/api/search?q=list", 200, []string{`"tier": 0`}},
		{"/api/search?q=list&limit=0", 400, nil},
		{"/api/rdeps/str", 200, []string{`"list"`}},
		{"/api/lint/list", 404, []string{`"error": "lint results of ccan/list: not found"`}}, // the message, not the call chain
		{"/api/counts", 200, []string{`"modules": 14`}},
		{"/index/config.json", 200, []string{`"dl"`}},
		{"/index/str/hex", 200, []string{`"vers"`, withDeps.SHA256}},
		{"/index/nosuch", 404, nil},
		{"/nonexistent", 404, nil},
		{"/static/style.css", 200, []string{"body"}},
		{"/static/chroma.css", 200, []string{".chroma"}},
		{"/static/nope.css", 404, nil},
	}
	for _, tt := range tests {
		w := get(t, s, tt.url)
		if w.Code != tt.status {
			t.Errorf("GET %s = %d, want %d\n%.300s", tt.url, w.Code, tt.status, w.Body.String())
			continue
		}
		for _, want := range tt.want {
			if !strings.Contains(w.Body.String(), want) {
				t.Errorf("GET %s: body lacks %q", tt.url, want)
			}
		}
	}
}

// TestGarbage checks that no malformed URL or query makes a 500.
func TestGarbage(t *testing.T) {
	s, _ := newTestServer(t)
	for _, u := range []string{
		"/m/", "/m/@", "/m/list@", "/m/list@@", "/m/list/-/", "/m/list/-/src/", "/m/list/-/src/../../etc/passwd",
		"/m/list/-/src//x", "/m/list/-/raw/%00", "/m/%00", "/m/list%2F..%2F..", "/m/" + strings.Repeat("a", 5000),
		"/search?q=%22", "/search?q=NEAR(a", "/search?q=*", "/search?q=%00", "/search?q=a%20OR%20AND",
		"/junkcode/..", "/junkcode/x/-/src/../y", "/junkcode/%00", "/download/x/y", "/download/" + strings.Repeat("a", 64) + "/x",
		"/api/module/", "/api/module/%2e%2e", "/api/search?q=%FF%FE", "/api/rdeps/a/b/c", "/index/", "/index/a@b",
		"/static/../../etc/passwd", "/feed.atom?x=%zz",
	} {
		if w := get(t, s, u); w.Code >= 500 {
			t.Errorf("GET %s = %d", u, w.Code)
		}
	}
}

func TestCaching(t *testing.T) {
	s, st := newTestServer(t)
	mv, _ := st.GetModule(context.Background(), "list", "")
	tb := mv.Tarball(store.TarballModule)
	url := "/download/" + tb.SHA256 + "/" + tb.Name
	w := get(t, s, url)
	if got := w.Header().Get("Cache-Control"); !strings.Contains(got, "immutable") {
		t.Errorf("download Cache-Control = %q", got)
	}
	if w.Header().Get("Content-Encoding") != "" || w.Body.Len() != int(tb.Size) {
		t.Errorf("download: encoding %q, %d bytes, want %d raw", w.Header().Get("Content-Encoding"), w.Body.Len(), tb.Size)
	}
	if w := get(t, s, url, "If-None-Match", `"`+tb.SHA256+`"`); w.Code != http.StatusNotModified {
		t.Errorf("conditional download = %d, want 304", w.Code)
	}
	w = get(t, s, "/api/modules")
	if w := get(t, s, "/api/modules", "If-None-Match", w.Header().Get("ETag")); w.Code != http.StatusNotModified {
		t.Errorf("conditional API = %d, want 304", w.Code)
	}
}

func TestGzip(t *testing.T) {
	s, _ := newTestServer(t)
	w := get(t, s, "/modules", "Accept-Encoding", "gzip")
	if w.Header().Get("Content-Encoding") != "gzip" {
		t.Fatalf("no gzip: %v", w.Header())
	}
	zr, err := gzip.NewReader(w.Body)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(zr)
	if !strings.Contains(string(b), "All modules") {
		t.Errorf("gunzipped page lacks its title")
	}
}

func TestSearchRanking(t *testing.T) {
	s, _ := newTestServer(t)
	w := get(t, s, "/api/search?q=str")
	var res []store.SearchResult
	if err := json.Unmarshal(w.Body.Bytes(), &res); err != nil {
		t.Fatal(err)
	}
	if len(res) < 2 || res[0].Name != "str" || res[1].Name != "str/hex" {
		t.Errorf("search str: %+v", res)
	}
}

func TestRenderDescription(t *testing.T) {
	got := string(renderDescription("Para one\nstill one.\n\nPara <two>.\n\tcode();\n\n\tmore();\nAfter."))
	want := "<p>Para one\nstill one.</p>\n<p>Para &lt;two&gt;.</p>\n<pre>code();\n\nmore();</pre>\n<p>After.</p>\n"
	if got != want {
		t.Errorf("renderDescription:\n got %q\nwant %q", got, want)
	}
}

func BenchmarkModulePage(b *testing.B) {
	s, _ := newTestServer(b)
	b.ReportAllocs()
	for b.Loop() {
		if w := get(b, s, "/m/list"); w.Code != 200 {
			b.Fatal(w.Code)
		}
	}
}

func BenchmarkSearch(b *testing.B) {
	s, _ := newTestServer(b)
	for b.Loop() {
		if w := get(b, s, "/search?q=hash"); w.Code != 200 {
			b.Fatal(w.Code)
		}
	}
}

// TestResultItems checks the search page's list against the template it
// replaces: the same markup, escaped the same way (html/template also
// writes '+' as "&#43;").
func TestResultItems(t *testing.T) {
	res := []*store.SearchResult{
		{ModuleSummary: store.ModuleSummary{Name: "str/hex", Summary: `<b>"x" & 'y'</b>` + "\x00!", License: "BSD<3>", ReverseDeps: 2}},
		{ModuleSummary: store.ModuleSummary{Name: "a+b", Summary: "plain · text", License: "MIT"}, Tier: 1},
	}
	tm := template.Must(template.New("items").Parse(`{{range .}}{{with .ModuleSummary}}<li><a href="/m/{{.Name}}">{{.Name}}</a> <span class="summary">{{.Summary}}</span>
  <span class="meta">{{.License}}{{if .ReverseDeps}} · used by {{.ReverseDeps}}{{end}}</span></li>
{{end}}{{end}}`))
	var want strings.Builder
	if err := tm.Execute(&want, res); err != nil {
		t.Fatal(err)
	}
	if got := string(resultItems(res)); got != strings.ReplaceAll(want.String(), "&#43;", "+") {
		t.Errorf("resultItems:\n got %q\nwant %q", got, want.String())
	}
}
