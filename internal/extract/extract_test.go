package extract

import (
	"bytes"
	"context"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/ccan-archive/ccan/internal/derrors"
	"github.com/ccan-archive/ccan/internal/tarball"
	"github.com/google/go-cmp/cmp"
)

// modulesDir is the starter archive in the repository.
const modulesDir = "../../modules"

// diskModule reads modules/ccan/<name> as tarball entries named
// prefix+path, with its symlinks as they are on disk.
func diskModule(t testing.TB, name, prefix string) []tarball.Entry {
	t.Helper()
	dir := filepath.Join(modulesDir, "ccan", name)
	var out []tarball.Entry
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		e := tarball.Entry{Name: prefix + filepath.ToSlash(rel)}
		if d.Type()&fs.ModeSymlink != 0 {
			e.Link, err = os.Readlink(p)
		} else {
			e.Data, err = os.ReadFile(p)
		}
		out = append(out, e)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func writeTarball(t testing.TB, es []tarball.Entry) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := tarball.Write(&buf, es); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// wantFiles lists the regular files of es with prefix trimmed, as Result
// reports them.
func wantFiles(es []tarball.Entry, prefix string) []File {
	var out []File
	for _, e := range es {
		if e.Link == "" {
			out = append(out, File{Path: strings.TrimPrefix(e.Name, prefix), Size: int64(len(e.Data)), Mode: 0o644})
		}
	}
	return out
}

func sortedFiles(fs []File) []File {
	out := slices.Clone(fs)
	slices.SortFunc(out, func(a, b File) int { return strings.Compare(a.Path, b.Path) })
	return out
}

// checkContent compares every regular file of es with what dst holds.
func checkContent(t *testing.T, dst string, es []tarball.Entry, prefix string) {
	t.Helper()
	for _, e := range es {
		if e.Link != "" {
			continue
		}
		got, err := os.ReadFile(filepath.Join(dst, strings.TrimPrefix(e.Name, prefix)))
		if err != nil || !bytes.Equal(got, e.Data) {
			t.Errorf("%s: content differs (err %v)", e.Name, err)
		}
	}
}

func TestModuleTarball(t *testing.T) {
	es := diskModule(t, "list", "list/")
	j := newJail(t)
	res, err := Extract(context.Background(), bytes.NewReader(writeTarball(t, es)), "list.tar.gz", j.dst, DefaultLimits())
	if err != nil {
		t.Fatal(err)
	}
	want := &Result{
		Format:   "tar.gz",
		Root:     "list",
		Files:    sortedFiles(wantFiles(es, "list/")),
		Warnings: []string{`"list/LICENSE": symlink to "../../licenses/BSD-MIT" leaves the upload; left out`},
	}
	if diff := cmp.Diff(want, res); diff != "" {
		t.Errorf("result (-want +got):\n%s", diff)
	}
	checkContent(t, j.dst, es, "list/")
	if _, err := os.Lstat(filepath.Join(j.dst, "LICENSE")); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("LICENSE leaving the upload was written: %v", err)
	}
	j.check(t)
}

// TestArchiveShape extracts a tarball laid out like the archive's own
// downloads (ccan/list/..., licenses/...): the LICENSE link stays inside
// and is kept; nothing is stripped (two top-level directories).
func TestArchiveShape(t *testing.T) {
	es := append(diskModule(t, "list", "ccan/list/"), tarball.Entry{Name: "licenses/BSD-MIT", Data: []byte("MIT\n")})
	j := newJail(t)
	res, err := Extract(context.Background(), bytes.NewReader(writeTarball(t, es)), "list.tgz", j.dst, DefaultLimits())
	if err != nil {
		t.Fatal(err)
	}
	if res.Root != "" || len(res.Warnings) != 0 {
		t.Errorf("Root %q, warnings %q; want none", res.Root, res.Warnings)
	}
	want := sortedFiles(append(wantFiles(es, ""),
		File{Path: "ccan/list/LICENSE", Mode: fs.ModeSymlink | 0o777, Link: "../../licenses/BSD-MIT"}))
	if diff := cmp.Diff(want, res.Files); diff != "" {
		t.Errorf("files (-want +got):\n%s", diff)
	}
	b, err := os.ReadFile(filepath.Join(j.dst, "ccan/list/LICENSE"))
	if string(b) != "MIT\n" {
		t.Errorf("LICENSE reads %q, %v", b, err)
	}
	j.check(t)
}

func TestModuleZip(t *testing.T) {
	es := diskModule(t, "list", "list/")
	var zes []entry
	for _, e := range es {
		if e.Link != "" {
			zes = append(zes, entry{name: e.Name, link: e.Link, mode: fs.ModeSymlink | 0o777})
		} else {
			zes = append(zes, entry{name: e.Name, body: string(e.Data), mode: 0o755}) // modes are not kept
		}
	}
	zes = append([]entry{{name: "list/", mode: fs.ModeDir | 0o755}}, zes...)
	j := newJail(t)
	res, err := Extract(context.Background(), bytes.NewReader(zipBytes(t, zes...)), "list.zip", j.dst, DefaultLimits())
	if err != nil {
		t.Fatal(err)
	}
	if res.Format != "zip" || res.Root != "list" || len(res.Warnings) != 1 {
		t.Errorf("format %q root %q warnings %q", res.Format, res.Root, res.Warnings)
	}
	if diff := cmp.Diff(sortedFiles(wantFiles(es, "list/")), res.Files); diff != "" {
		t.Errorf("files (-want +got):\n%s", diff)
	}
	checkContent(t, j.dst, es, "list/")
	j.check(t)
}

func TestModuleTarBz2AndTar(t *testing.T) {
	es := diskModule(t, "list", "list/")
	var tes []entry
	for _, e := range es {
		if e.Link != "" {
			tes = append(tes, symlink(e.Name, e.Link))
		} else {
			tes = append(tes, reg(e.Name, string(e.Data)))
		}
	}
	plain := tarBytes(t, tes...)
	for _, tt := range []struct {
		name, format string
		data         []byte
	}{
		{"list.tar", "tar", plain},
		{"list.tar.bz2", "tar.bz2", bz2(t, plain)},
		{"upload", "tar.bz2", bz2(t, plain)}, // no extension: the magic decides
	} {
		j := newJail(t)
		res, err := Extract(context.Background(), bytes.NewReader(tt.data), tt.name, j.dst, DefaultLimits())
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		if res.Format != tt.format || res.Root != "list" {
			t.Errorf("%s: format %q root %q", tt.name, res.Format, res.Root)
		}
		checkContent(t, j.dst, es, "list/")
		j.check(t)
	}
}

func TestSingleFiles(t *testing.T) {
	src, err := os.ReadFile(filepath.Join(modulesDir, "ccan/list/list.c"))
	if err != nil {
		t.Fatal(err)
	}
	j := newJail(t)
	res, err := Extract(context.Background(), bytes.NewReader(src), `C:\Users\me\list.c`, j.dst, DefaultLimits())
	if err != nil {
		t.Fatal(err)
	}
	want := &Result{Format: "files", Files: []File{{Path: "list.c", Size: int64(len(src)), Mode: 0o644}}}
	if diff := cmp.Diff(want, res); diff != "" {
		t.Errorf("result (-want +got):\n%s", diff)
	}
	j.check(t)

	j = newJail(t)
	res, err = ExtractFiles(context.Background(), []NamedReader{
		{Name: "list.c", R: bytes.NewReader(src)},
		{Name: "list.h", R: strings.NewReader("int x;\n")},
	}, j.dst, DefaultLimits())
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Files) != 2 || res.Files[1].Path != "list.h" || res.Files[1].Size != 7 {
		t.Errorf("files = %+v", res.Files)
	}
	j.check(t)
}

// TestHardLinkCopy: a hard link to an earlier file becomes a copy.
func TestHardLinkCopy(t *testing.T) {
	j := newJail(t)
	data := tgz(t, reg("m/a.c", "int a;\n"), hardlink("m/b.c", "m/a.c"))
	res, err := Extract(context.Background(), bytes.NewReader(data), "m.tar.gz", j.dst, DefaultLimits())
	if err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(filepath.Join(j.dst, "b.c"))
	if string(b) != "int a;\n" || len(res.Files) != 2 {
		t.Errorf("b.c = %q (%v), files %+v", b, err, res.Files)
	}
	if fi, _ := os.Stat(filepath.Join(j.dst, "b.c")); fi != nil {
		if st, ok := fi.Sys().(interface{ Nlink() uint64 }); ok && st.Nlink() != 1 {
			t.Errorf("b.c is a hard link")
		}
	}
	j.check(t)
}

// TestLinks: links inside are kept, links leaving (also through other
// links) are dropped with a warning.
func TestLinks(t *testing.T) {
	j := newJail(t)
	data := tgz(t,
		reg("src/a.h", "x"),
		symlink("inc/a.h", "../src/a.h"),  // inside
		symlink("here", "."),              // inside
		symlink("d", "."),                 // inside
		symlink("e", "d/d/d/../../.."),    // lexically ".", but d is "." so it leaves
		symlink("up", "../../../.."),      // leaves
		symlink("loop1", "loop2"),         // loops
		symlink("loop2", "loop1"),         //
		symlink("via", "here/../outside"), // here is ".", so ".." leaves
		symlink("dangling", "src/none.h"), // dangling inside: kept
	)
	res, err := Extract(context.Background(), bytes.NewReader(data), "links.tar.gz", j.dst, DefaultLimits())
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		`"e": symlink to "d/d/d/../../.." leaves the upload; left out`,
		`"loop1": symlink to "loop2" loops; left out`,
		`"loop2": symlink to "loop1" loops; left out`,
		`"up": symlink to "../../../.." leaves the upload; left out`,
		`"via": symlink to "here/../outside" leaves the upload; left out`,
	}
	if diff := cmp.Diff(want, res.Warnings); diff != "" {
		t.Errorf("warnings (-want +got):\n%s", diff)
	}
	var kept []string
	for _, f := range res.Files {
		kept = append(kept, f.Path)
	}
	if diff := cmp.Diff([]string{"d", "dangling", "here", "inc/a.h", "src/a.h"}, kept); diff != "" {
		t.Errorf("files (-want +got):\n%s", diff)
	}
	if b, err := os.ReadFile(filepath.Join(j.dst, "inc/a.h")); string(b) != "x" {
		t.Errorf("inc/a.h reads %q, %v", b, err)
	}
	j.check(t)
}

// TestStripCollision: stripping "x/" when x holds "x" and a name like
// the temporary one.
func TestStripCollision(t *testing.T) {
	j := newJail(t)
	data := tgz(t, reg("x/x/x", "1"), reg("x/.extract-strip", "2"), reg("x/y", "3"))
	res, err := Extract(context.Background(), bytes.NewReader(data), "x.tgz", j.dst, DefaultLimits())
	if err != nil {
		t.Fatal(err)
	}
	for name, want := range map[string]string{"x/x": "1", ".extract-strip": "2", "y": "3"} {
		if b, err := os.ReadFile(filepath.Join(j.dst, name)); string(b) != want {
			t.Errorf("%s = %q, %v; want %q", name, b, err, want)
		}
	}
	if res.Root != "x" || len(res.Files) != 3 {
		t.Errorf("root %q files %+v", res.Root, res.Files)
	}
	j.check(t)
}

func TestCanceled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := Extract(ctx, bytes.NewReader(tgz(t, reg("a.c", "x"))), "a.tgz", t.TempDir(), DefaultLimits())
	if !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v, want context.Canceled", err)
	}
}

// failingReader gives some bytes, then fails like a dropped connection.
type failingReader struct{ r io.Reader }

func (f *failingReader) Read(p []byte) (int, error) {
	n, err := f.r.Read(p)
	if err == io.EOF {
		return n, errors.New("connection reset")
	}
	return n, err
}

// TestReadFailure: a failing reader is not the upload's fault: no *Error.
func TestReadFailure(t *testing.T) {
	data := tgz(t, reg("a.c", strings.Repeat("x", 100000)))
	_, err := Extract(context.Background(), &failingReader{bytes.NewReader(data[:len(data)/2])}, "a.tgz", t.TempDir(), DefaultLimits())
	var xe *Error
	if err == nil || errors.As(err, &xe) || !strings.Contains(err.Error(), "connection reset") {
		t.Errorf("err = %v, want a plain read error", err)
	}
}

func TestDstNotEmpty(t *testing.T) {
	dst := t.TempDir()
	os.WriteFile(filepath.Join(dst, "x"), nil, 0o644)
	if _, err := Extract(context.Background(), strings.NewReader("int x;"), "a.c", dst, DefaultLimits()); err == nil {
		t.Error("non-empty dst: no error")
	}
}

func TestErrorMessage(t *testing.T) {
	err := error(&Error{Entry: "a\nb\x00", Reason: "name contains a newline"})
	if got, want := err.Error(), `"a\nb\x00": name contains a newline`; got != want {
		t.Errorf("Error() = %s, want %s", got, want)
	}
	if !errors.Is(err, derrors.InvalidArgument) || derrors.HTTPStatus(tooLarge("x", "big")) != 413 {
		t.Errorf("kinds do not map")
	}
}
