package fetch

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/ccan-archive/ccan/internal/blob"
	"github.com/ccan-archive/ccan/internal/export"
	"github.com/ccan-archive/ccan/internal/module"
	"github.com/ccan-archive/ccan/internal/tarball"
	"github.com/google/go-cmp/cmp"
)

// fakeModule is one version of a module of the test archive.
type fakeModule struct {
	name, vers string
	deps       []string
	yanked     bool
}

// testArchive is a small archive served the way "ccan serve" serves
// /index/ and /download/ (the real server is exercised by the command's
// script tests): a real HTTP handler over real tarballs.
type testArchive struct {
	index map[string][]string // name -> index lines
	blobs map[string][]byte
	mods  []fakeModule
}

func newTestArchive(t *testing.T, mods ...fakeModule) *testArchive {
	a := &testArchive{index: map[string][]string{}, blobs: map[string][]byte{}, mods: mods}
	for _, m := range mods {
		depth := strings.Repeat("../", strings.Count(m.name, "/"))
		es := []tarball.Entry{
			{Name: "ccan/" + m.name + "/_info", Data: []byte("/**\n * " + m.name + " - test module " + m.vers + "\n *\n * License: CC0\n */\n")},
			{Name: "ccan/" + m.name + "/x.h", Data: []byte("/* " + m.vers + " */\n")},
			{Name: "ccan/" + m.name + "/LICENSE", Link: "../../" + depth + "licenses/CC0"},
			{Name: "licenses/CC0", Data: []byte("CC0 text\n")},
		}
		var buf bytes.Buffer
		if err := tarball.Write(&buf, es); err != nil {
			t.Fatal(err)
		}
		key := blob.Key(buf.Bytes())
		a.blobs[key] = buf.Bytes()
		deps := []string{}
		for _, d := range m.deps {
			deps = append(deps, "ccan/"+d)
		}
		e := Entry{Name: m.name, Version: m.vers, Deps: deps, External: []string{}, Yanked: m.yanked,
			Tarball: &Tarball{Kind: "module", Name: strings.ReplaceAll(m.name, "/", "-") + ".tar.gz", SHA256: key, Size: int64(buf.Len())}}
		b, _ := json.Marshal(e)
		a.index[m.name] = append(a.index[m.name], string(b))
	}
	return a
}

func (a *testArchive) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	p := r.URL.Path
	switch {
	case p == "/index/config.json":
		w.Write([]byte(`{"dl": "../download/{sha256}/{name}", "api": "../api"}`))
	case strings.HasPrefix(p, "/index/"):
		lines, ok := a.index[strings.TrimPrefix(p, "/index/")]
		if !ok {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("ETag", fmt.Sprintf(`"%d"`, len(lines)))
		w.Write([]byte(strings.Join(lines, "\n") + "\n"))
	case strings.HasPrefix(p, "/download/"):
		parts := strings.Split(p, "/")
		b, ok := a.blobs[parts[2]]
		if !ok {
			http.NotFound(w, r)
			return
		}
		w.Write(b)
	case p == "/api/modules":
		var out []Summary
		for _, m := range a.mods {
			out = append(out, Summary{Name: m.name, Version: m.vers, Summary: "test module " + m.vers, License: "CC0"})
		}
		json.NewEncoder(w).Encode(out)
	default:
		http.NotFound(w, r)
	}
}

// seeds are the paths an export of the archive needs.
func (a *testArchive) seeds() []string {
	out := []string{"/index/config.json", "/api/modules"}
	for n := range a.index {
		out = append(out, "/index/"+n)
	}
	for k := range a.blobs {
		out = append(out, "/download/"+k+"/x.tar.gz")
	}
	return out
}

var testMods = []fakeModule{
	{name: "a", vers: "1.0", deps: []string{"b", "str/hex"}},
	{name: "b", vers: "1.0"},
	{name: "str", vers: "1.0"},
	{name: "str/hex", vers: "1.0", deps: []string{"str"}},
	{name: "c", vers: "1.0"},
	{name: "c", vers: "2.0", yanked: true},
}

// sources returns the test archive as each kind of Source: served
// live, exported and read from disk, and exported and hosted by a
// plain file server.
func sources(t *testing.T) map[string]Source {
	a := newTestArchive(t, testMods...)
	live := httptest.NewServer(a)
	t.Cleanup(live.Close)
	dir := filepath.Join(t.TempDir(), "export")
	// The export names each download file by the tarball name, as the
	// real site does.
	var seeds []string
	for _, lines := range a.index {
		for _, l := range lines {
			var e Entry
			json.Unmarshal([]byte(l), &e)
			seeds = append(seeds, "/download/"+e.Tarball.SHA256+"/"+e.Tarball.Name)
		}
	}
	if _, err := export.Write(context.Background(), dir, export.Options{Handler: a, Seeds: append(a.seeds(), seeds...)}); err != nil {
		t.Fatal(err)
	}
	hosted := httptest.NewServer(http.FileServer(http.Dir(dir)))
	t.Cleanup(hosted.Close)
	out := map[string]Source{}
	for name, spec := range map[string]string{"live": live.URL, "static": "file://" + dir, "hosted": hosted.URL + "/"} {
		src, err := Open(spec, Options{CacheDir: t.TempDir()})
		if err != nil {
			t.Fatal(err)
		}
		out[name] = src
	}
	return out
}

func names(es []*Entry) []string {
	var out []string
	for _, e := range es {
		out = append(out, e.Name+"@"+e.Version)
	}
	return out
}

func TestSources(t *testing.T) {
	ctx := context.Background()
	for kind, src := range sources(t) {
		t.Run(kind, func(t *testing.T) {
			res, err := Resolve(ctx, src, []Want{{Name: "a"}, {Name: "c"}}, nil)
			if err != nil {
				t.Fatal(err)
			}
			want := []string{"a@1.0", "b@1.0", "c@1.0", "str@1.0", "str/hex@1.0"}
			if diff := cmp.Diff(want, names(res.Modules)); diff != "" {
				t.Errorf("Resolve(a, c) (-want +got):\n%s", diff)
			}
			res, err = Resolve(ctx, src, []Want{{Name: "c", Version: "2.0"}}, nil)
			if err != nil || names(res.Modules)[0] != "c@2.0" || len(res.Notes) != 1 {
				t.Errorf("Resolve(c@2.0) = %v, notes %v, %v", names(res.Modules), res.Notes, err)
			}
			res, err = Resolve(ctx, src, []Want{{Name: "c"}}, map[string]string{"c": "2.0"})
			if err != nil || names(res.Modules)[0] != "c@2.0" {
				t.Errorf("Resolve(c) pinned at 2.0 = %v, %v", names(res.Modules), err)
			}
			res, err = Resolve(ctx, src, []Want{{Name: "c"}}, map[string]string{"c": "0.1"})
			if err != nil || names(res.Modules)[0] != "c@1.0" || len(res.Notes) != 1 {
				t.Errorf("Resolve(c) pinned at a lost version = %v, notes %v, %v", names(res.Modules), res.Notes, err)
			}
			if _, err := Resolve(ctx, src, []Want{{Name: "nosuch"}}, nil); !errors.Is(err, os.ErrNotExist) {
				t.Errorf("Resolve(nosuch) = %v, want not found", err)
			}
			es, err := src.Index(ctx, "str/hex")
			if err != nil {
				t.Fatal(err)
			}
			files, err := Download(ctx, src, "str/hex", es[0].Tarball, nil)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff([]string{"ccan/str/hex/LICENSE", "ccan/str/hex/_info", "ccan/str/hex/x.h", "licenses/CC0"}, tarball.Names(files)); diff != "" {
				t.Errorf("str/hex files (-want +got):\n%s", diff)
			}
			found, err := src.Search(ctx, "hex", 10)
			if err != nil || len(found) != 1 || found[0].Name != "str/hex" {
				t.Errorf("Search(hex) = %v, %v", found, err)
			}
		})
	}
}

func TestTamperedDownload(t *testing.T) {
	a := newTestArchive(t, fakeModule{name: "b", vers: "1.0"})
	for k, b := range a.blobs {
		b[len(b)/2] ^= 0xff // same size, other bytes
		a.blobs[k] = b
	}
	srv := httptest.NewServer(a)
	defer srv.Close()
	src, err := Open(srv.URL, Options{})
	if err != nil {
		t.Fatal(err)
	}
	es, err := src.Index(context.Background(), "b")
	if err != nil {
		t.Fatal(err)
	}
	_, err = Download(context.Background(), src, "b", es[0].Tarball, nil)
	if !errors.Is(err, ErrChecksum) || !strings.Contains(err.Error(), es[0].Tarball.SHA256) {
		t.Errorf("Download of a tampered tarball = %v, want a checksum error naming the sha256", err)
	}
}

// starterTree is the repository's starter archive, a CCAN tree.
func starterTree(t *testing.T) *module.Tree {
	_, file, _, _ := runtime.Caller(0)
	tr, err := module.FindTree(filepath.Join(filepath.Dir(file), "..", "..", "modules"))
	if err != nil {
		t.Fatal(err)
	}
	return tr
}

func TestDirSource(t *testing.T) {
	ctx := context.Background()
	src := NewDir(starterTree(t))
	res, err := Resolve(ctx, src, []Want{{Name: "list"}}, nil)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range res.Modules {
		got = append(got, e.Name)
		files, err := Download(ctx, src, e.Name, e.Tarball, nil)
		if err != nil {
			t.Errorf("%s: %v", e.Name, err)
		}
		if len(files) < 3 {
			t.Errorf("%s: only %v", e.Name, tarball.Names(files))
		}
	}
	if diff := cmp.Diff([]string{"build_assert", "check_type", "container_of", "list", "str"}, got); diff != "" {
		t.Errorf("list's closure (-want +got):\n%s", diff)
	}
	// Tarballs are deterministic: a second Source builds the same bytes.
	es1, _ := src.Index(ctx, "str")
	es2, _ := NewDir(starterTree(t)).Index(ctx, "str")
	if es1[0].Tarball.SHA256 != es2[0].Tarball.SHA256 || !strings.HasPrefix(es1[0].Version, "0.0.0-") {
		t.Errorf("str: %+v and %+v", es1[0].Tarball, es2[0].Tarball)
	}
	info, err := src.Describe(ctx, "list", "")
	if err != nil || info.License != "BSD-MIT" || len(info.AllDepends) != 4 {
		t.Errorf("Describe(list) = %+v, %v", info, err)
	}
	if found, err := src.Search(ctx, "linked list", 5); err != nil || len(found) == 0 || found[0].Name != "list" {
		t.Errorf("Search(linked list) = %v, %v", found, err)
	}
}

func TestCheckContent(t *testing.T) {
	ok := []tarball.Entry{{Name: "ccan/a/_info"}, {Name: "ccan/a/LICENSE", Link: "../../licenses/CC0"}, {Name: "licenses/CC0"}}
	if err := CheckContent("a", ok); err != nil {
		t.Errorf("good content: %v", err)
	}
	for name, es := range map[string][]tarball.Entry{
		"other module":  {{Name: "ccan/a/_info"}, {Name: "ccan/b/x.h"}},
		"nested module": {{Name: "ccan/a/_info"}, {Name: "ccan/a/sub/_info"}},
		"no _info":      {{Name: "ccan/a/a.h"}},
		"top level":     {{Name: "ccan/a/_info"}, {Name: "Makefile"}},
		"deep license":  {{Name: "ccan/a/_info"}, {Name: "licenses/x/y"}},
		"link out":      {{Name: "ccan/a/_info"}, {Name: "ccan/a/l", Link: "../b/x.h"}},
		"below a link":  {{Name: "ccan/a/_info"}, {Name: "ccan/a/l", Link: "sub"}, {Name: "ccan/a/l/x"}},
		"license link":  {{Name: "ccan/a/_info"}, {Name: "licenses/X", Link: "../ccan/a/_info"}},
	} {
		if err := CheckContent("a", es); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
}

func TestOpen(t *testing.T) {
	for _, spec := range []string{"", "ftp://x/y", "http://", t.TempDir()} {
		if _, err := Open(spec, Options{}); err == nil {
			t.Errorf("Open(%q): no error", spec)
		}
	}
	if src, err := Open("modules", Options{Dir: filepath.Dir(starterTree(t).Dir)}); err != nil {
		t.Errorf("Open(relative tree): %v", err)
	} else if _, ok := src.(*Dir); !ok {
		t.Errorf("Open(tree) = %T, want *Dir", src)
	}
}
