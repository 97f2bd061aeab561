package tarball

import (
	"archive/tar"
	"bytes"
	"compress/bzip2"
	"compress/gzip"
	"errors"
	"io"
	"slices"
	"strings"
	"testing"

	"github.com/ccan-archive/ccan/internal/derrors"
	"github.com/google/go-cmp/cmp"
)

var sample = []Entry{
	{Name: "ccan/list/list.h", Data: []byte("#include <stddef.h>\n")},
	{Name: "licenses/BSD-MIT", Data: []byte("MIT text\n")},
	{Name: "ccan/list/LICENSE", Link: "../../licenses/BSD-MIT"},
	{Name: "ccan/list/_info", Data: []byte("int main(void){}\n"), Exec: true},
	{Name: "ccan/list/" + strings.Repeat("long", 30) + ".c", Data: []byte("x")},
}

func write(t *testing.T, entries []Entry) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := Write(&buf, entries); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestDeterministic(t *testing.T) {
	a := write(t, sample)
	rev := make([]Entry, len(sample))
	for i, e := range sample {
		rev[len(sample)-1-i] = e
	}
	b := write(t, append(rev, sample[0])) // other order, a duplicate
	if !bytes.Equal(a, b) {
		t.Errorf("same entries in another order gave other bytes")
	}
}

func TestHeaders(t *testing.T) {
	zr, err := gzip.NewReader(bytes.NewReader(write(t, sample)))
	if err != nil {
		t.Fatal(err)
	}
	if !zr.ModTime.IsZero() || zr.Name != "" {
		t.Errorf("gzip header has time %v name %q", zr.ModTime, zr.Name)
	}
	tr := tar.NewReader(zr)
	var names []string
	for {
		h, err := tr.Next()
		if err != nil {
			break
		}
		names = append(names, h.Name)
		if h.ModTime.Unix() != 0 || h.Uid != 0 || h.Gid != 0 || h.Uname != "" || h.Gname != "" {
			t.Errorf("%s: header %+v not normalised", h.Name, h)
		}
	}
	want := []string{"ccan/list/LICENSE", "ccan/list/_info", "ccan/list/list.h",
		"ccan/list/" + strings.Repeat("long", 30) + ".c", "licenses/BSD-MIT"}
	if diff := cmp.Diff(want, names); diff != "" {
		t.Errorf("names (-want +got):\n%s", diff)
	}
}

func TestRoundTrip(t *testing.T) {
	got, err := Read(bytes.NewReader(write(t, sample)), DefaultLimits)
	if err != nil {
		t.Fatal(err)
	}
	want, _ := sortEntries(sample)
	if diff := cmp.Diff(want, got, cmp.Comparer(func(a, b []byte) bool { return bytes.Equal(a, b) })); diff != "" {
		t.Errorf("Read(Write(x)) (-want +got):\n%s", diff)
	}
}

func writeFormat(t *testing.T, entries []Entry, f Format) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := WriteFormat(&buf, entries, f); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// tarOf returns the uncompressed tar stream of a tarball.
func tarOf(t *testing.T, data []byte, f Format) []byte {
	t.Helper()
	var r io.Reader
	if f == Bzip2 {
		r = bzip2.NewReader(bytes.NewReader(data))
	} else {
		zr, err := gzip.NewReader(bytes.NewReader(data))
		if err != nil {
			t.Fatal(err)
		}
		r = zr
	}
	b, err := io.ReadAll(r)
	if err != nil {
		t.Fatalf("%s: %v", f.Ext(), err)
	}
	return b
}

func TestBzip2(t *testing.T) {
	bz := writeFormat(t, sample, Bzip2)
	if !bytes.HasPrefix(bz, []byte("BZh9")) {
		t.Errorf("bzip2 tarball starts with %q", bz[:min(4, len(bz))])
	}
	// The standard library's reader gets the very tar stream of the
	// gzip tarball.
	if !bytes.Equal(tarOf(t, bz, Bzip2), tarOf(t, write(t, sample), Gzip)) {
		t.Errorf("the .tar.bz2 holds another tar stream than the .tar.gz")
	}
	rev := slices.Clone(sample)
	slices.Reverse(rev)
	if !bytes.Equal(bz, writeFormat(t, rev, Bzip2)) {
		t.Errorf("same entries in another order gave other bzip2 bytes")
	}
	got, err := Read(bytes.NewReader(bz), DefaultLimits)
	if err != nil {
		t.Fatal(err)
	}
	want, _ := sortEntries(sample)
	if diff := cmp.Diff(want, got, cmp.Comparer(bytes.Equal)); diff != "" {
		t.Errorf("Read(bzip2) (-want +got):\n%s", diff)
	}
}

func TestFormatOf(t *testing.T) {
	for _, f := range Formats() {
		if got, ok := FormatOf("x-with-deps" + f.Ext()); !ok || got != f {
			t.Errorf("FormatOf(%q) = %v, %v", f.Ext(), got, ok)
		}
	}
	if _, ok := FormatOf("x.zip"); ok {
		t.Errorf("FormatOf(x.zip) ok")
	}
	for _, f := range Formats() {
		if got, ok := Sniff(writeFormat(t, sample, f)); !ok || got != f {
			t.Errorf("Sniff(a %s) = %v, %v", f.Ext(), got, ok)
		}
	}
	for _, head := range []string{"", "B", "BZ", "BZ\x00", "\x1f", "int main"} {
		if _, ok := Sniff([]byte(head)); ok {
			t.Errorf("Sniff(%q) ok", head)
		}
	}
}

func TestWriteConflict(t *testing.T) {
	err := Write(&bytes.Buffer{}, []Entry{{Name: "a", Data: []byte("1")}, {Name: "a", Data: []byte("2")}})
	if err == nil {
		t.Error("conflicting duplicates: no error")
	}
	for _, name := range []string{"", "/abs", "../up", "a/../b", "a//b", "./a"} {
		if err := Write(&bytes.Buffer{}, []Entry{{Name: name}}); err == nil {
			t.Errorf("Write(name %q): no error", name)
		}
	}
}

// rawTar builds a tarball without Write's checks.
func rawTar(t *testing.T, hdrs ...*tar.Header) []byte {
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	tw := tar.NewWriter(zw)
	for _, h := range hdrs {
		if err := tw.WriteHeader(h); err != nil {
			t.Fatal(err)
		}
		tw.Write(make([]byte, h.Size))
	}
	tw.Close()
	zw.Close()
	return buf.Bytes()
}

func TestReadRejects(t *testing.T) {
	tests := []struct {
		name string
		hdr  *tar.Header
		kind error
	}{
		{"escape", &tar.Header{Name: "../x", Typeflag: tar.TypeReg}, derrors.InvalidArgument},
		{"abs", &tar.Header{Name: "/etc/x", Typeflag: tar.TypeReg}, derrors.InvalidArgument},
		{"device", &tar.Header{Name: "dev", Typeflag: tar.TypeChar}, derrors.InvalidArgument},
		{"hardlink", &tar.Header{Name: "h", Typeflag: tar.TypeLink, Linkname: "x"}, derrors.InvalidArgument},
		{"symlink out", &tar.Header{Name: "a/l", Typeflag: tar.TypeSymlink, Linkname: "../../x"}, derrors.InvalidArgument},
		{"symlink abs", &tar.Header{Name: "l", Typeflag: tar.TypeSymlink, Linkname: "/etc/passwd"}, derrors.InvalidArgument},
		{"big", &tar.Header{Name: "big", Typeflag: tar.TypeReg, Size: 2000}, derrors.TooLarge},
	}
	lim := Limits{MaxFiles: 10, MaxFileSize: 1000, MaxTotal: 5000}
	for _, tt := range tests {
		_, err := Read(bytes.NewReader(rawTar(t, tt.hdr)), lim)
		if !errors.Is(err, tt.kind) {
			t.Errorf("%s: err = %v, want %v", tt.name, err, tt.kind)
		}
	}
	if _, err := Read(strings.NewReader("not gzip"), lim); !errors.Is(err, derrors.InvalidArgument) {
		t.Errorf("not gzip: %v", err)
	}
}

func FuzzRead(f *testing.F) {
	var buf bytes.Buffer
	Write(&buf, sample)
	f.Add(buf.Bytes())
	buf.Reset()
	WriteFormat(&buf, sample, Bzip2)
	f.Add(buf.Bytes())
	f.Fuzz(func(t *testing.T, b []byte) {
		entries, err := Read(bytes.NewReader(b), Limits{MaxFiles: 100, MaxFileSize: 1 << 20, MaxTotal: 4 << 20})
		if err != nil {
			return
		}
		// What Read accepts, Write must write, and reading that back
		// must give the same entries.
		var out bytes.Buffer
		if err := Write(&out, entries); err != nil {
			t.Fatalf("Write(Read(x)): %v", err)
		}
		again, err := Read(&out, Limits{MaxFiles: 100, MaxFileSize: 1 << 20, MaxTotal: 4 << 20})
		if err != nil {
			t.Fatalf("Read(Write(Read(x))): %v", err)
		}
		if len(again) != len(entries) {
			t.Fatalf("round trip: %d entries, want %d", len(again), len(entries))
		}
	})
}
