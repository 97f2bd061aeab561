package export_test

import (
	"context"
	"html"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/ccan-archive/ccan/internal/archive"
	"github.com/ccan-archive/ccan/internal/archive/archivetest"
	"github.com/ccan-archive/ccan/internal/export"
	"github.com/ccan-archive/ccan/internal/server"
	"github.com/ccan-archive/ccan/internal/store"
)

// hrefRE finds the same-site links of a page (independently of the
// crawler's own link finder).
var hrefRE = regexp.MustCompile(`\b(?:href|src)="(/[^"/][^"]*|/)"`)

// TestExportStarter exports the real site over the starter archive plus
// an uploaded junkcode entry, as "ccan archive export" does, and checks
// that every tarball of the store (both formats) is a seed and is
// exported, and that a plain file server over the export answers every
// same-site link of every exported page.
func TestExportStarter(t *testing.T) {
	ctx := context.Background()
	st, bs, _ := archivetest.Starter(t)
	log := slog.New(slog.DiscardHandler)
	im := &archive.Importer{Store: st, Blobs: bs, Log: log}
	up := t.TempDir() // a junkcode entry as an upload makes it
	if err := os.WriteFile(filepath.Join(up, "thing.c"), []byte("int thing(void) { return 1; }\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	jb, err := im.BuildJunk(ctx, up, "me@example.com-thing", map[string][]byte{"LINT-REPORT.txt": []byte("no _info\n")})
	if err != nil {
		t.Fatal(err)
	}
	if err := im.PutBlobs(ctx, jb); err != nil {
		t.Fatal(err)
	}
	if err := st.PutJunk(ctx, jb.Junk); err != nil {
		t.Fatal(err)
	}

	srv, err := server.New(server.Config{Store: st, Blobs: bs, Log: log, BaseURL: "..", CacheTTL: -1})
	if err != nil {
		t.Fatal(err)
	}
	seeds, err := export.Seeds(ctx, st)
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "mirror")
	rep, err := export.Write(ctx, out, export.Options{Handler: srv, Seeds: seeds})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range rep.Missing {
		if !strings.HasPrefix(p, "/api/lint/") { // nothing was linted
			t.Errorf("not exported: %s", p)
		}
	}

	// Every stored tarball, in both formats, is a seed and a file.
	want := map[string]bool{}
	ms, err := st.ListModules(ctx)
	if err != nil {
		t.Fatal(err)
	}
	kinds := map[string]int{}
	add := func(tb *store.Tarball) {
		want["/download/"+tb.SHA256+"/"+tb.Name] = true
		kinds[tb.Kind]++
	}
	for _, m := range ms {
		vs, err := st.Versions(ctx, m.Name)
		if err != nil {
			t.Fatal(err)
		}
		for _, v := range vs {
			for i := range v.Tarballs {
				add(&v.Tarballs[i])
			}
		}
	}
	js, err := st.ListJunk(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, j := range js {
		add(&j.Tarball)
		if j.TarballBz2 != nil {
			add(j.TarballBz2)
		}
	}
	for _, kind := range []string{store.TarballArchive, store.TarballArchiveBz2} {
		tb, err := st.Archive(ctx, kind)
		if err != nil {
			t.Fatal(err)
		}
		add(tb)
	}
	for _, kind := range []string{store.TarballModule, store.TarballWithDeps, store.TarballJunk, store.TarballArchive} {
		if kinds[kind] == 0 || kinds[kind] != kinds[kind+store.Bzip2Suffix] {
			t.Errorf("%d %s tarballs, %d %s", kinds[kind], kind, kinds[kind+store.Bzip2Suffix], kind+store.Bzip2Suffix)
		}
	}
	inSeeds := map[string]bool{}
	for _, s := range seeds {
		inSeeds[s] = true
	}
	for p := range want {
		if !inSeeds[p] {
			t.Errorf("Seeds lacks %s", p)
		}
		if _, err := export.Path(out, p); err != nil {
			t.Errorf("export lacks %s: %v", p, err)
		}
	}

	// A file server over the export answers every same-site link.
	fsrv := httptest.NewServer(http.FileServer(http.Dir(out)))
	defer fsrv.Close()
	checked := map[string]bool{}
	bz2Links := 0
	err = filepath.WalkDir(out, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || d.Name() != "index.html" {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if !strings.Contains(string(b), "<!DOCTYPE html>") {
			return nil // a file that is also a directory (/index/str)
		}
		for _, m := range hrefRE.FindAllStringSubmatch(string(b), -1) {
			l := html.UnescapeString(m[1])
			l, _, _ = strings.Cut(l, "#")
			if strings.Contains(l, "?") && !strings.HasPrefix(l, "/static/") || checked[l] {
				continue // a search cannot be static (style sheets carry ?v=, which must work)
			}
			checked[l] = true
			if strings.HasSuffix(l, ".tar.bz2") {
				bz2Links++
			}
			resp, err := http.Get(fsrv.URL + l)
			if err != nil {
				return err
			}
			io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			if resp.StatusCode != http.StatusOK {
				rel, _ := filepath.Rel(out, p)
				t.Errorf("%s links %s: the export answers %d", rel, l, resp.StatusCode)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if bz2Links < kinds[store.TarballModuleBz2]+2 {
		t.Errorf("pages link only %d .tar.bz2 files", bz2Links)
	}
	t.Logf("%d files exported, %d distinct links checked (%d .tar.bz2)", rep.Files, len(checked), bz2Links)
}
