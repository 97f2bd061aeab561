package archive

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/ccan-archive/ccan/internal/store"
	"github.com/google/go-cmp/cmp"
)

// TestBuildFormats checks that what uploads publish (BuildModule) and
// turn into junkcode (BuildJunk) gets a .tar.gz and a .tar.bz2 holding
// the same entries, stored by PutBlobs, exactly as an import makes them.
func TestBuildFormats(t *testing.T) {
	ctx := context.Background()
	tr := starterTree(t)
	im := newImporter(t)

	b, err := im.BuildModule(ctx, tr, "list")
	if err != nil {
		t.Fatal(err)
	}
	if err := im.PutBlobs(ctx, b); err != nil {
		t.Fatal(err)
	}
	mv := b.Version
	var kinds []string
	for _, tb := range mv.Tarballs {
		kinds = append(kinds, tb.Kind)
	}
	if diff := cmp.Diff([]string{store.TarballWithDeps, store.TarballModule, store.TarballWithDepsBz2, store.TarballModuleBz2}, kinds); diff != "" {
		t.Errorf("BuildModule tarball kinds (-want +got):\n%s", diff)
	}
	for _, kind := range []string{store.TarballModule, store.TarballWithDeps} {
		gz, bz := mv.Tarball(kind), mv.Tarball(kind+store.Bzip2Suffix)
		if gz == nil || bz == nil {
			t.Fatalf("BuildModule: no %s pair: %+v", kind, mv.Tarballs)
		}
		if diff := cmp.Diff(tarEntries(t, im.Blobs, gz), tarEntries(t, im.Blobs, bz), cmp.Comparer(bytes.Equal)); diff != "" {
			t.Errorf("%s vs %s (-gz +bz2):\n%s", gz.Name, bz.Name, diff)
		}
	}
	imported := newImporter(t)
	if _, err := imported.ImportTree(ctx, tr); err != nil {
		t.Fatal(err)
	}
	want, err := imported.Store.GetModule(ctx, "list", "")
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(want.Tarballs, mv.Tarballs); diff != "" {
		t.Errorf("BuildModule's tarballs differ from an import's (-import +build):\n%s", diff)
	}

	// Junkcode: the same directory uploaded (with a report added) and
	// imported from a tree's junkcode/ gives the same entry.
	const name = "me@example.com-thing"
	up := t.TempDir()
	tree := t.TempDir()
	jdir := filepath.Join(tree, "junkcode", name)
	for _, dir := range []string{up, jdir} {
		if err := os.MkdirAll(filepath.Join(dir, "sub"), 0o755); err != nil {
			t.Fatal(err)
		}
		for p, text := range map[string]string{"thing.c": "int thing(void) { return 1; }\n", "sub/thing.h": "int thing(void);\n"} {
			if err := os.WriteFile(filepath.Join(dir, p), []byte(text), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	report := []byte("Total score: 0/1\n")
	if err := os.WriteFile(filepath.Join(jdir, "LINT-REPORT.txt"), report, 0o644); err != nil {
		t.Fatal(err)
	}
	jb, err := im.BuildJunk(ctx, up, name, map[string][]byte{"LINT-REPORT.txt": report})
	if err != nil {
		t.Fatal(err)
	}
	if err := im.PutBlobs(ctx, jb); err != nil {
		t.Fatal(err)
	}
	j := jb.Junk
	if j.TarballBz2 == nil || j.Tarball.Kind != store.TarballJunk || j.TarballBz2.Kind != store.TarballJunkBz2 ||
		j.Tarball.Name != name+".tar.gz" || j.TarballBz2.Name != name+".tar.bz2" {
		t.Fatalf("BuildJunk tarballs: %+v, %+v", j.Tarball, j.TarballBz2)
	}
	gz, bz := tarEntries(t, im.Blobs, &j.Tarball), tarEntries(t, im.Blobs, j.TarballBz2)
	if diff := cmp.Diff(gz, bz, cmp.Comparer(bytes.Equal)); diff != "" {
		t.Errorf("junkcode (-gz +bz2):\n%s", diff)
	}
	wantNames := []string{"junkcode/" + name + "/LINT-REPORT.txt", "junkcode/" + name + "/sub/thing.h", "junkcode/" + name + "/thing.c"}
	var got []string
	for _, e := range bz {
		got = append(got, e.Name)
	}
	if diff := cmp.Diff(wantNames, got); diff != "" {
		t.Errorf("junkcode .tar.bz2 entries (-want +got):\n%s", diff)
	}
	if n, err := imported.importJunk(ctx, newWalker(tree)); err != nil || n != 1 {
		t.Fatalf("importJunk = %d, %v", n, err)
	}
	ij, err := imported.Store.GetJunk(ctx, name)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(ij, j); diff != "" {
		t.Errorf("BuildJunk differs from an import of the same files (-import +build):\n%s", diff)
	}
	if err := im.Store.PutJunk(ctx, j); err != nil {
		t.Fatal(err)
	}
	if sj, err := im.Store.GetJunk(ctx, name); err != nil || sj.TarballBz2 == nil || *sj.TarballBz2 != *j.TarballBz2 {
		t.Errorf("stored junkcode: %+v, %v", sj, err)
	}

	if _, err := im.BuildJunk(ctx, t.TempDir(), name, nil); err == nil {
		t.Error("BuildJunk of an empty directory succeeded")
	}
}
