package server

import (
	"bytes"
	"compress/bzip2"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"strings"
	"testing"

	"github.com/ccan-archive/ccan/internal/store"
)

// TestDownloads fetches every tarball of a module in both formats, as a
// browser that accepts gzip would, and checks the bytes, the media type
// and that the .tar.bz2 holds the tar stream of the .tar.gz.
func TestDownloads(t *testing.T) {
	s, st := newTestServer(t)
	mv, err := st.GetModule(context.Background(), "str/hex", "")
	if err != nil {
		t.Fatal(err)
	}
	tars := map[string][]byte{}
	for _, kind := range []string{store.TarballModule, store.TarballWithDeps, store.TarballModuleBz2, store.TarballWithDepsBz2} {
		tb := mv.Tarball(kind)
		if tb == nil {
			t.Fatalf("str/hex has no %s tarball: %+v", kind, mv.Tarballs)
		}
		w := get(t, s, downloadURL(tb), "Accept-Encoding", "gzip")
		sum := sha256.Sum256(w.Body.Bytes())
		if w.Code != 200 || hex.EncodeToString(sum[:]) != tb.SHA256 || w.Header().Get("Content-Encoding") != "" {
			t.Errorf("GET %s = %d, encoding %q, sha256 %x; want 200 and the stored bytes", tb.Name, w.Code, w.Header().Get("Content-Encoding"), sum)
			continue
		}
		var r io.Reader
		want := "application/gzip"
		if strings.HasSuffix(tb.Name, ".tar.bz2") {
			want, r = "application/x-bzip2", bzip2.NewReader(w.Body)
		} else if r, err = gzip.NewReader(w.Body); err != nil {
			t.Fatal(err)
		}
		if got := w.Header().Get("Content-Type"); got != want {
			t.Errorf("GET %s: Content-Type %q, want %q", tb.Name, got, want)
		}
		if tars[kind], err = io.ReadAll(r); err != nil {
			t.Errorf("%s: %v", tb.Name, err)
		}
	}
	for _, kind := range []string{store.TarballModule, store.TarballWithDeps} {
		if !bytes.Equal(tars[kind], tars[kind+store.Bzip2Suffix]) || len(tars[kind]) == 0 {
			t.Errorf("%s: the .tar.bz2 holds another tar than the .tar.gz", kind)
		}
	}

	gz, bz := mv.Tarball(store.TarballModule), mv.Tarball(store.TarballModuleBz2)
	for _, tt := range []struct {
		url    string
		status int
	}{
		{"/download/" + gz.SHA256 + "/str-hex.tar.bz2", 404}, // a .tar.gz is not a .tar.bz2
		{"/download/" + bz.SHA256 + "/str-hex.tar.gz", 404},
		{"/download/" + mv.Files[0].SHA256 + "/x.tar.gz", 404}, // a source file is no tarball
		{"/download/" + bz.SHA256 + "/str-hex.zip", 400},
	} {
		if w := get(t, s, tt.url); w.Code != tt.status {
			t.Errorf("GET %s = %d, want %d", tt.url, w.Code, tt.status)
		}
	}
}

// TestDownloadLinks checks that the pages link both formats with their
// sizes and hashes.
func TestDownloadLinks(t *testing.T) {
	s, st := newTestServer(t)
	ctx := context.Background()
	mv, err := st.GetModule(ctx, "list", "")
	if err != nil {
		t.Fatal(err)
	}
	bz, err := st.Archive(ctx, store.TarballArchiveBz2)
	if err != nil {
		t.Fatal(err)
	}
	var page, list []string
	for _, tb := range mv.Tarballs {
		page = append(page, downloadURL(&tb), tb.SHA256, ">"+tb.Name+"</a> ("+humanSize(tb.Size)+")")
		list = append(list, downloadURL(&tb), tb.SHA256, humanSize(tb.Size))
	}
	if len(mv.Tarballs) != 4 {
		t.Errorf("list has %d tarballs, want 4: %+v", len(mv.Tarballs), mv.Tarballs)
	}
	for url, want := range map[string][]string{
		"/m/list":  page,
		"/modules": append(list, downloadURL(bz), "ccan.tar.bz2"),
		"/":        {downloadURL(bz), "ccan.tar.bz2"},
	} {
		w := get(t, s, url)
		for _, s := range want {
			if !strings.Contains(w.Body.String(), s) {
				t.Errorf("GET %s: body lacks %q", url, s)
			}
		}
	}
}
