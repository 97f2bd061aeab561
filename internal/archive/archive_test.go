package archive

import (
	"bytes"
	"context"
	"io"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/ccan-archive/ccan/internal/blob"
	"github.com/ccan-archive/ccan/internal/blob/fsblob"
	"github.com/ccan-archive/ccan/internal/module"
	"github.com/ccan-archive/ccan/internal/store"
	"github.com/ccan-archive/ccan/internal/store/sqlite"
	"github.com/ccan-archive/ccan/internal/tarball"
	"github.com/google/go-cmp/cmp"
)

func starterTree(t *testing.T) *module.Tree {
	_, file, _, _ := runtime.Caller(0)
	tr, err := module.FindTree(filepath.Join(filepath.Dir(file), "..", "..", "modules"))
	if err != nil {
		t.Fatal(err)
	}
	return tr
}

func newImporter(t *testing.T) *Importer {
	dir := t.TempDir()
	st, err := sqlite.Open(context.Background(), filepath.Join(dir, "ccan.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	bs, err := fsblob.New(filepath.Join(dir, "blobs"))
	if err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 3, 4, 5, 6, 7, 0, time.UTC)
	return &Importer{Store: st, Blobs: bs, Now: func() time.Time { return now }, Log: slog.New(slog.DiscardHandler)}
}

func TestImportStarter(t *testing.T) {
	ctx := context.Background()
	tr := starterTree(t)
	im := newImporter(t)
	rep, err := im.ImportTree(ctx, tr)
	if err != nil {
		t.Fatal(err)
	}
	names, _ := tr.Modules()
	if rep.Modules != len(names) || len(rep.Added) != len(names) || len(rep.Failed) != 0 || rep.Archive == nil {
		t.Fatalf("first import: %+v", rep)
	}
	rep, err = im.ImportTree(ctx, tr)
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Added) != 0 || rep.Unchanged != len(names) {
		t.Errorf("second import added %v, unchanged %d; want nothing added", rep.Added, rep.Unchanged)
	}
	checkWithDeps(t, im, tr, names)
	mv, err := im.Store.GetModule(ctx, "list", "")
	if err != nil {
		t.Fatal(err)
	}
	if len(mv.Functions) == 0 || mv.Summary == "" || len(mv.Depends) == 0 {
		t.Errorf("list: functions %v, summary %q, depends %v", mv.Functions, mv.Summary, mv.Depends)
	}
}

// TestDeterministic imports the same tree into two archives: every
// tarball must be byte-identical.
func TestDeterministic(t *testing.T) {
	ctx := context.Background()
	tr := starterTree(t)
	a, b := newImporter(t), newImporter(t)
	for _, im := range []*Importer{a, b} {
		if _, err := im.ImportTree(ctx, tr); err != nil {
			t.Fatal(err)
		}
	}
	la, _ := a.Store.ListModules(ctx)
	lb, _ := b.Store.ListModules(ctx)
	if diff := cmp.Diff(la, lb); diff != "" {
		t.Errorf("two imports differ (-a +b):\n%s", diff)
	}
	for _, kind := range []string{store.TarballArchive, store.TarballArchiveBz2} {
		aa, err := a.Store.Archive(ctx, kind)
		if err != nil {
			t.Fatal(err)
		}
		ab, err := b.Store.Archive(ctx, kind)
		if err != nil {
			t.Fatal(err)
		}
		if aa.SHA256 != ab.SHA256 {
			t.Errorf("%s tarballs differ", kind)
		}
	}
	ja, _ := a.Store.ListJunk(ctx)
	jb, _ := b.Store.ListJunk(ctx)
	if diff := cmp.Diff(ja, jb); diff != "" {
		t.Errorf("two imports' junkcode differs (-a +b):\n%s", diff)
	}
}

// TestBzip2 checks that every .tar.bz2 (modules, with-deps, junkcode,
// the whole archive) holds exactly the entries of its .tar.gz twin.
func TestBzip2(t *testing.T) {
	ctx := context.Background()
	im := newImporter(t)
	if _, err := im.ImportTree(ctx, starterTree(t)); err != nil {
		t.Fatal(err)
	}
	junk := t.TempDir() // the starter tree has no junkcode
	dir := filepath.Join(junk, "junkcode", "me@example.com-thing")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "thing.c"), []byte("int thing(void) { return 1; }\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if n, err := im.importJunk(ctx, newWalker(junk)); err != nil || n != 1 {
		t.Fatalf("importJunk = %d, %v", n, err)
	}
	ms, err := im.Store.ListModules(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var pairs [][2]*store.Tarball
	for _, m := range ms {
		for _, kind := range []string{store.TarballModule, store.TarballWithDeps} {
			pairs = append(pairs, [2]*store.Tarball{m.Tarball(kind), m.Tarball(kind + store.Bzip2Suffix)})
		}
	}
	js, err := im.Store.ListJunk(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, j := range js {
		pairs = append(pairs, [2]*store.Tarball{&j.Tarball, j.TarballBz2})
	}
	gz, err := im.Store.Archive(ctx, store.TarballArchive)
	if err != nil {
		t.Fatal(err)
	}
	bz, err := im.Store.Archive(ctx, store.TarballArchiveBz2)
	if err != nil {
		t.Fatal(err)
	}
	pairs = append(pairs, [2]*store.Tarball{gz, bz})
	if len(js) == 0 || len(pairs) < 3 {
		t.Fatalf("only %d tarball pairs, %d junkcode entries", len(pairs), len(js))
	}
	for _, p := range pairs {
		if p[1] == nil {
			t.Errorf("%s has no .tar.bz2", p[0].Name)
			continue
		}
		if !strings.HasSuffix(p[1].Name, ".tar.bz2") || strings.TrimSuffix(p[1].Name, ".tar.bz2") != strings.TrimSuffix(p[0].Name, ".tar.gz") {
			t.Errorf("%s: bzip2 twin named %s", p[0].Name, p[1].Name)
		}
		want, got := tarEntries(t, im.Blobs, p[0]), tarEntries(t, im.Blobs, p[1])
		if diff := cmp.Diff(want, got, cmp.Comparer(bytes.Equal)); diff != "" {
			t.Errorf("%s vs %s (-gz +bz2):\n%s", p[0].Name, p[1].Name, diff)
		}
	}
}

// checkWithDeps checks that each with-deps tarball holds exactly the
// module's files, its recursive dependencies' files and their license
// texts, and that the plain tarball holds the module alone.
func checkWithDeps(t *testing.T, im *Importer, tr *module.Tree, names []string) {
	ctx := context.Background()
	for _, name := range names {
		mv, err := im.Store.GetModule(ctx, name, "")
		if err != nil {
			t.Fatal(err)
		}
		want := expectedFiles(t, tr, name)
		for _, d := range mv.AllDepends {
			want = append(want, expectedFiles(t, tr, strings.TrimPrefix(d, "ccan/"))...)
		}
		for _, suffix := range []string{"", store.Bzip2Suffix} {
			if diff := cmp.Diff(uniqSorted(want), tarNames(t, im.Blobs, mv.Tarball(store.TarballWithDeps+suffix))); diff != "" {
				t.Errorf("%s with-deps%s tarball (-want +got):\n%s", name, suffix, diff)
			}
			if diff := cmp.Diff(uniqSorted(expectedFiles(t, tr, name)), tarNames(t, im.Blobs, mv.Tarball(store.TarballModule+suffix))); diff != "" {
				t.Errorf("%s%s tarball (-want +got):\n%s", name, suffix, diff)
			}
		}
	}
}

// expectedFiles lists a module's files independently of the importer:
// everything below its directory except nested modules, hidden files and
// build products, plus the in-tree targets of symlinks.
func expectedFiles(t *testing.T, tr *module.Tree, name string) []string {
	var out []string
	top := tr.ModuleDir(name)
	filepath.WalkDir(top, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			t.Fatal(err)
		}
		if p != top && strings.HasPrefix(d.Name(), ".") || d.IsDir() && p != top && exists(filepath.Join(p, "_info")) {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if d.IsDir() || isBuildProduct(d.Name()) {
			return nil
		}
		rel, _ := filepath.Rel(tr.Dir, p)
		out = append(out, filepath.ToSlash(rel))
		if d.Type()&fs.ModeSymlink != 0 {
			target, _ := filepath.EvalSymlinks(p)
			if rel, err := filepath.Rel(tr.Dir, target); err == nil && !strings.HasPrefix(rel, "..") {
				out = append(out, filepath.ToSlash(rel))
			}
		}
		return nil
	})
	return out
}

func uniqSorted(s []string) []string {
	sort.Strings(s)
	var out []string
	for i, x := range s {
		if i == 0 || s[i-1] != x {
			out = append(out, x)
		}
	}
	return out
}

func tarNames(t *testing.T, bs blob.Store, tb *store.Tarball) []string {
	t.Helper()
	return tarball.Names(tarEntries(t, bs, tb))
}

// tarEntries reads a stored tarball (either format) and checks its
// sha256 and size.
func tarEntries(t *testing.T, bs blob.Store, tb *store.Tarball) []tarball.Entry {
	t.Helper()
	if tb == nil {
		t.Fatal("missing tarball")
	}
	o, err := bs.Get(context.Background(), tb.SHA256)
	if err != nil {
		t.Fatal(err)
	}
	defer o.Close()
	data, _ := io.ReadAll(o)
	if blob.Key(data) != tb.SHA256 || int64(len(data)) != tb.Size {
		t.Fatalf("%s: stored bytes do not match sha256/size", tb.Name)
	}
	es, err := tarball.Read(bytes.NewReader(data), tarball.Limits{MaxFiles: 1 << 16, MaxFileSize: 1 << 26, MaxTotal: 1 << 30})
	if err != nil {
		t.Fatalf("%s: %v", tb.Name, err)
	}
	return es
}

// TestUpstreamTree imports the original CCAN tree named by
// $CCAN_UPSTREAM_TREE (never part of this repository).
func TestUpstreamTree(t *testing.T) {
	dir := os.Getenv("CCAN_UPSTREAM_TREE")
	if dir == "" {
		t.Skip("CCAN_UPSTREAM_TREE not set")
	}
	tr, err := module.FindTree(dir)
	if err != nil {
		t.Fatal(err)
	}
	im := newImporter(t)
	rep, err := im.ImportTree(context.Background(), tr)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("imported %d modules, %d junkcode in %v", rep.Modules, rep.Junk, rep.Duration)
	for _, f := range rep.Failed {
		t.Errorf("%s: %v", f.Module, f.Err)
	}
	names, _ := tr.Modules()
	if len(rep.Added) != len(names) {
		t.Errorf("added %d of %d modules", len(rep.Added), len(names))
	}
	checkWithDeps(t, im, tr, names)
}
