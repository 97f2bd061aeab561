package extract

import (
	"archive/tar"
	"archive/zip"
	"bytes"
	"compress/flate"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"hash/crc32"
	"io/fs"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/ccan-archive/ccan/internal/derrors"
	"github.com/google/go-cmp/cmp"
)

// hostile is one upload of the hostile corpus and the exact error it
// must give.
type hostile struct {
	name   string // test name
	upload string // the upload's name
	data   func(t testing.TB) []byte
	lim    Limits // zero: DefaultLimits
	entry  string
	reason string
	kind   error // derrors.InvalidArgument unless set
}

func tgzOf(es ...entry) func(testing.TB) []byte {
	return func(t testing.TB) []byte { return tgz(t, es...) }
}

func zipOf(es ...entry) func(testing.TB) []byte {
	return func(t testing.TB) []byte { return zipBytes(t, es...) }
}

func raw(b []byte) func(testing.TB) []byte { return func(testing.TB) []byte { return b } }

// long is a name of n bytes in components of 99.
func long(n int) string {
	return strings.Repeat(strings.Repeat("x", 99)+"/", n/100+1)[:n-1] + "y"
}

// noise is n bytes that do not compress.
func noise(n int) string {
	r := rand.New(rand.NewPCG(1, 2))
	b := make([]byte, n)
	for i := range b {
		b[i] = byte('a' + r.IntN(26))
	}
	return string(b)
}

var corpus = []hostile{
	// Paths.
	{name: "dotdot", upload: "x.tar.gz", data: tgzOf(reg("../../../pwned", "x")),
		entry: "../../../pwned", reason: "path escapes the upload"},
	{name: "dotdot inside", upload: "x.tar.gz", data: tgzOf(reg("list/_info", "x"), reg("list/../../../../pwned", "x")),
		entry: "list/../../../../pwned", reason: "path escapes the upload"},
	{name: "dotdot harmless", upload: "x.tar.gz", data: tgzOf(reg("a/../b.c", "x")),
		entry: "a/../b.c", reason: `path has a ".." component`},
	{name: "absolute", upload: "x.tar.gz", data: tgzOf(reg(pwned, "x")),
		entry: pwned, reason: "absolute path"},
	{name: "double slash", upload: "x.tar.gz", data: tgzOf(reg("a//b.c", "x")),
		entry: "a//b.c", reason: `path has an empty component ("//")`},
	{name: "dot component", upload: "x.tar.gz", data: tgzOf(reg("a/./b.c", "x")),
		entry: "a/./b.c", reason: `path has a "." component`},
	{name: "backslash", upload: "x.zip", data: zipOf(reg(`..\..\pwned`, "x")),
		entry: `..\..\pwned`, reason: "name contains a backslash"},
	{name: "zip dotdot", upload: "x.zip", data: zipOf(reg("../../../pwned", "x")),
		entry: "../../../pwned", reason: "path escapes the upload"},
	{name: "zip absolute", upload: "x.zip", data: zipOf(reg(pwned, "x")),
		entry: pwned, reason: "absolute path"},

	// Links.
	{name: "symlink to root", upload: "x.tar.gz", data: tgzOf(symlink("root", "/")),
		entry: "root", reason: `symlink to the absolute path "/"`},
	{name: "symlink to /etc/passwd", upload: "x.tar.gz", data: tgzOf(reg("m/a.c", "x"), symlink("m/passwd", "/etc/passwd")),
		entry: "m/passwd", reason: `symlink to the absolute path "/etc/passwd"`},
	{name: "write through symlink", upload: "x.tar.gz", data: tgzOf(symlink("evil", "../../.."), reg("evil/pwned", "x")),
		entry: "evil/pwned", reason: `path goes through the symlink "evil"`},
	{name: "write through inside symlink", upload: "x.tar.gz", data: tgzOf(symlink("here", "."), reg("here/a.c", "x")),
		entry: "here/a.c", reason: `path goes through the symlink "here"`},
	{name: "zip symlink to root", upload: "x.zip", data: zipOf(entry{name: "root", link: "/", mode: fs.ModeSymlink | 0o777}),
		entry: "root", reason: `symlink to the absolute path "/"`},
	{name: "zip write through symlink", upload: "x.zip", data: zipOf(
		entry{name: "evil", link: "../../..", mode: fs.ModeSymlink | 0o777}, reg("evil/pwned", "x")),
		entry: "evil/pwned", reason: `path goes through the symlink "evil"`},
	{name: "hard link to /etc/passwd", upload: "x.tar.gz", data: tgzOf(hardlink("passwd", "/etc/passwd")),
		entry: "passwd", reason: `hard link to "/etc/passwd", outside the upload`},
	{name: "hard link up", upload: "x.tar.gz", data: tgzOf(hardlink("passwd", "../../../etc/passwd")),
		entry: "passwd", reason: `hard link to "../../../etc/passwd", outside the upload`},
	{name: "hard link to later file", upload: "x.tar.gz", data: tgzOf(hardlink("b.c", "a.c"), reg("a.c", "x")),
		entry: "b.c", reason: `hard link to "a.c", which is not a file earlier in the upload`},
	{name: "hard link to symlink", upload: "x.tar.gz", data: tgzOf(symlink("l", "."), hardlink("b.c", "l")),
		entry: "b.c", reason: `hard link to "l", which is not a file earlier in the upload`},
	{name: "symlink empty target", upload: "x.tar.gz", data: tgzOf(symlink("l", "")),
		entry: "l", reason: "symlink with an empty target"},
	{name: "symlink newline target", upload: "x.tar.gz", data: tgzOf(symlink("l", "a\nb")),
		entry: "l", reason: "symlink target contains a newline"},

	// Entry types.
	{name: "char device", upload: "x.tar.gz", data: tgzOf(special("dev/null", tar.TypeChar)),
		entry: "dev/null", reason: "device file"},
	{name: "block device", upload: "x.tar.gz", data: tgzOf(special("sda", tar.TypeBlock)),
		entry: "sda", reason: "device file"},
	{name: "fifo", upload: "x.tar", data: func(t testing.TB) []byte { return tarBytes(t, special("fifo", tar.TypeFifo)) },
		entry: "fifo", reason: "named pipe (fifo)"},
	{name: "zip device", upload: "x.zip", data: zipOf(entry{name: "null", mode: fs.ModeDevice | fs.ModeCharDevice | 0o666}),
		entry: "null", reason: "device file"},
	{name: "zip fifo", upload: "x.zip", data: zipOf(entry{name: "p", mode: fs.ModeNamedPipe | 0o644}),
		entry: "p", reason: "named pipe (fifo)"},
	{name: "zip socket", upload: "x.zip", data: zipOf(entry{name: "s", mode: fs.ModeSocket | 0o644}),
		entry: "s", reason: "socket"},
	{name: "zip encrypted", upload: "x.zip", data: zipOf(entry{name: "a.c", body: "x", flag: 1}),
		entry: "a.c", reason: "encrypted entry"},

	// Duplicates.
	{name: "duplicate", upload: "x.tar.gz", data: tgzOf(reg("a.c", "x"), reg("a.c", "y")),
		entry: "a.c", reason: "duplicate name: the upload already has a file there"},
	{name: "duplicate dot slash", upload: "x.tar.gz", data: tgzOf(reg("a.c", "x"), reg("./a.c", "y")),
		entry: "./a.c", reason: "duplicate name: the upload already has a file there"},
	{name: "file over dir", upload: "x.tar.gz", data: tgzOf(reg("d/a.c", "x"), reg("d", "y")),
		entry: "d", reason: "duplicate name: the upload already has a directory there"},
	{name: "dir over file", upload: "x.tar.gz", data: tgzOf(reg("a.c", "x"), reg("a.c/b.c", "y")),
		entry: "a.c/b.c", reason: `path goes through the file "a.c"`},
	{name: "case only", upload: "x.tar.gz", data: tgzOf(reg("A.c", "x"), reg("a.c", "y")),
		entry: "a.c", reason: `name differs only in letter case from "A.c"`},
	{name: "case only dir", upload: "x.tar.gz", data: tgzOf(reg("Src/a.c", "x"), reg("src/b.c", "y")),
		entry: "src/b.c", reason: `name differs only in letter case from "Src"`},
	{name: "zip duplicate", upload: "x.zip", data: zipOf(reg("a.c", "x"), reg("a.c", "y")),
		entry: "a.c", reason: "duplicate name: the upload already has a file there"},

	// Names.
	{name: "newline", upload: "x.tar.gz", data: tgzOf(reg("a\nb.c", "x")),
		entry: "a\nb.c", reason: "name contains a newline"},
	{name: "zip NUL", upload: "x.zip", data: zipOf(reg("a\x00/../../pwned", "x")),
		entry: "a\x00/../../pwned", reason: "name contains a NUL byte"},
	{name: "tar NUL", upload: "nul.tar.gz", data: func(t testing.TB) []byte { return gz(t, tarNUL(t)) },
		entry: "nul.tar.gz", reason: "damaged archive: archive/tar: invalid tar header"},
	{name: "escape character", upload: "x.tar.gz", data: tgzOf(reg("a\x1b[2Jb.c", "x")),
		entry: "a\x1b[2Jb.c", reason: "name contains the control character U+001B"},
	{name: "right-to-left override", upload: "x.tar.gz", data: tgzOf(reg("evil\u202ec.h", "x")),
		entry: "evil\u202ec.h", reason: "name contains the control character U+202E"},
	{name: "not UTF-8", upload: "x.zip", data: zipOf(reg("caf\xe9.c", "x")),
		entry: "caf\xe9.c", reason: "name is not valid UTF-8"},
	{name: "long name", upload: "x.tar.gz", data: tgzOf(reg(long(2000), "x")),
		entry: long(2000), reason: "name longer than 1024 bytes"},
	{name: "long component", upload: "x.tar.gz", data: tgzOf(reg(strings.Repeat("y", 300), "x")),
		entry: strings.Repeat("y", 300), reason: "a path component is longer than 255 bytes"},
	{name: "deep", upload: "x.tar.gz", data: tgzOf(reg(strings.Repeat("d/", 40)+"f.c", "x")),
		entry: strings.Repeat("d/", 40) + "f.c", reason: "nested deeper than 32 levels"},
	{name: "empty", upload: "x.tar.gz", data: tgzOf(dirEntry("d/")),
		entry: "x.tar.gz", reason: "the upload holds no files"},

	// Formats.
	{name: "tar.gz holding zip", upload: "x.tar.gz", data: zipOf(reg("a.c", "x")),
		entry: "x.tar.gz", reason: "named like a .tar.gz file but the content is a zip archive"},
	{name: "zip holding gzip", upload: "x.zip", data: tgzOf(reg("a.c", "x")),
		entry: "x.zip", reason: "named like a .zip file but the content is gzip data"},
	{name: "C file holding gzip", upload: "x.c", data: tgzOf(reg("a.c", "x")),
		entry: "x.c", reason: "named like a C file but the content is gzip data"},
	{name: "tar holding text", upload: "x.tar", data: raw([]byte("int main(void) { return 0; }\n")),
		entry: "x.tar", reason: "named like a .tar file but the content is not an archive"},
	{name: "unknown", upload: "x.exe", data: raw([]byte("MZ\x90\x00")),
		entry: "x.exe", reason: "not a .tar.gz, .tgz, .tar.bz2, .tar, .zip, .c or .h file"},
	{name: "gzip not tar", upload: "x.tar.gz", data: func(t testing.TB) []byte { return gz(t, []byte("hello\n")) },
		entry: "x.tar.gz", reason: "the gzip data does not hold a tar archive"},
	{name: "not gzip", upload: "x.tar.gz", data: raw([]byte{0x1f, 0x8b, 0, 0}),
		entry: "x.tar.gz", reason: "damaged gzip data: unexpected EOF"},
	{name: "cut short", upload: "x.tar.gz", data: func(t testing.TB) []byte {
		b := tgz(t, reg("a.c", noise(100000)))
		return b[:len(b)/2]
	}, entry: "a.c", reason: "the archive is cut short"},
	{name: "not a zip", upload: "x.zip", data: raw([]byte("PK\x03\x04 garbage")),
		entry: "x.zip", reason: "not a valid zip archive: zip: not a valid zip file"},
	{name: "C file with NUL", upload: "a.c", data: raw([]byte("int x;\x00\x01\x02")),
		entry: "a.c", reason: "not a text file (it holds NUL bytes)"},
	{name: "C file with bad name", upload: "a\nb.c", data: raw([]byte("int x;")),
		entry: "a\nb.c", reason: "name contains a newline"},

	// Caps.
	{name: "big file", upload: "x.tar.gz", data: tgzOf(entry{name: "big.c", size: 17 << 20}),
		entry: "big.c", reason: "file larger than 16 MiB", kind: derrors.TooLarge},
	{name: "big C file", upload: "a.c", data: raw(bytes.Repeat([]byte("/* */\n"), 1000)), lim: Limits{MaxFileSize: 4096},
		entry: "a.c", reason: "file larger than 4 KiB", kind: derrors.TooLarge},
	{name: "total", upload: "x.tar.gz", data: tgzOf(reg("a", noise(400)), reg("b", noise(400)), reg("c", noise(400))),
		lim: Limits{MaxTotal: 1000}, entry: "c", reason: "upload unpacks to more than 1000 bytes", kind: derrors.TooLarge},
	{name: "total hard links", upload: "x.tar.gz", data: tgzOf(reg("a", noise(400)), hardlink("b", "a"), hardlink("c", "a")),
		lim: Limits{MaxTotal: 1000}, entry: "c", reason: "upload unpacks to more than 1000 bytes", kind: derrors.TooLarge},
	{name: "upload too big", upload: "big.zip", data: raw([]byte("PK\x03\x04" + noise(20000))), lim: Limits{MaxTotal: 1000, MaxFiles: 1},
		entry: "big.zip", reason: "upload larger than 13288 bytes", kind: derrors.TooLarge},
	{name: "tar.gz bomb", upload: "bomb.tar.gz", data: func(t testing.TB) []byte { return tgzBomb(t, 1<<30, 8<<20) },
		entry: "bomb/0", reason: "gzip data inflates more than 200 times (a compression bomb?)", kind: derrors.TooLarge},
	{name: "tar.bz2 bomb", upload: "bomb.tar.bz2", data: func(t testing.TB) []byte {
		return bz2(t, tarBytes(t, entry{name: "bomb/0", size: 15 << 20}))
	}, entry: "bomb/0", reason: "bzip2 data inflates more than 200 times (a compression bomb?)", kind: derrors.TooLarge},
	{name: "zip bomb", upload: "bomb.zip", data: func(t testing.TB) []byte { return zipBomb(t, 1<<30, 8<<20) },
		entry: "bomb/0", reason: "zip data inflates more than 200 times (a compression bomb?)", kind: derrors.TooLarge},
	{name: "zip declaring 1 GiB", upload: "bomb.zip", data: func(t testing.TB) []byte { return zipDeclaring(t, 1<<30) },
		entry: "bomb", reason: "file larger than 16 MiB", kind: derrors.TooLarge},
	{name: "zip lying about size", upload: "bomb.zip", data: func(t testing.TB) []byte { return zipLying(t, 100, 8<<20) },
		entry: "bomb", reason: "damaged archive: zip: not a valid zip file"},
	{name: "100000 tiny files", upload: "tiny.tar.gz", data: func(t testing.TB) []byte { return tinyTgz(t, 100000) },
		entry: "f010000", reason: "more than 10000 files and directories", kind: derrors.TooLarge},
	{name: "100000 tiny files zip", upload: "tiny.zip", data: func(t testing.TB) []byte { return tinyZip(t, 100000) },
		entry: "tiny.zip", reason: "more than 10000 files and directories", kind: derrors.TooLarge},
}

func TestHostile(t *testing.T) {
	for _, tt := range corpus {
		t.Run(tt.name, func(t *testing.T) {
			if testing.Short() && strings.Contains(tt.name, "100000") {
				t.Skip("slow in -short")
			}
			data := tt.data(t)
			j := newJail(t)
			_, err := Extract(context.Background(), bytes.NewReader(data), tt.upload, j.dst, tt.lim)
			checkError(t, err, tt.entry, tt.reason, tt.kind)
			j.check(t)
		})
	}
}

func checkError(t *testing.T, err error, entry, reason string, kind error) {
	t.Helper()
	var xe *Error
	if !errors.As(err, &xe) {
		t.Fatalf("err = %v (%T), want *Error", err, err)
	}
	if kind == nil {
		kind = derrors.InvalidArgument
	}
	if diff := cmp.Diff(Error{Entry: entry, Reason: reason, Kind: kind}, *xe, cmp.Comparer(func(a, b error) bool { return a == b })); diff != "" {
		t.Errorf("error (-want +got):\n%s", diff)
	}
}

func TestHostileFiles(t *testing.T) {
	for _, tt := range []struct {
		name          string
		files         []NamedReader
		entry, reason string
	}{
		{"case only", []NamedReader{{"a.c", strings.NewReader("x")}, {"A.c", strings.NewReader("y")}},
			"A.c", `name differs only in letter case from "a.c"`},
		{"duplicate", []NamedReader{{"a.c", strings.NewReader("x")}, {"dir/a.c", strings.NewReader("y")}},
			"dir/a.c", "duplicate name: the upload already has a file there"},
		{"NUL", []NamedReader{{"a\x00.c", strings.NewReader("x")}},
			"a\x00.c", "name contains a NUL byte"},
		{"not C", []NamedReader{{"a.c", strings.NewReader("x")}, {"Makefile", strings.NewReader("y")}},
			"Makefile", "not a .c or .h file"},
		{"none", nil, "", "no files uploaded"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			j := newJail(t)
			_, err := ExtractFiles(context.Background(), tt.files, j.dst, Limits{})
			checkError(t, err, tt.entry, tt.reason, nil)
			j.check(t)
		})
	}
}

// tarNUL is a tar whose PAX path record holds a NUL byte (tar.Writer
// refuses to write one, so a placeholder is patched; the é makes the
// writer use a PAX record).
func tarNUL(t testing.TB) []byte {
	var buf bytes.Buffer
	tw := tar.NewWriter(&buf)
	err := tw.WriteHeader(&tar.Header{Name: "caf\u00e9/ok.c\x01/../../pwned", Typeflag: tar.TypeReg, Size: 1, Mode: 0o644})
	if err != nil {
		t.Fatal(err)
	}
	tw.Write([]byte("x"))
	tw.Close()
	return bytes.Replace(buf.Bytes(), []byte("ok.c\x01"), []byte("ok.c\x00"), 1)
}

// tarHeader is the header block(s) of one tar entry.
func tarHeader(t testing.TB, h *tar.Header) []byte {
	var buf bytes.Buffer
	if err := tar.NewWriter(&buf).WriteHeader(h); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// tgzBomb is a .tar.gz of total bytes of zeros in entries of per bytes
// (a multiple of 512), built from gzip members so the zeros are
// compressed only once: about 1 MiB for 1 GiB.
func tgzBomb(t testing.TB, total, per int64) []byte {
	zeros := gz(t, make([]byte, per))
	var out bytes.Buffer
	for i := int64(0); i < total/per; i++ {
		out.Write(gz(t, tarHeader(t, &tar.Header{Name: fmt.Sprintf("bomb/%d", i), Typeflag: tar.TypeReg, Size: per, Mode: 0o644})))
		out.Write(zeros)
	}
	out.Write(gz(t, make([]byte, 1024)))
	return out.Bytes()
}

// deflated is n zeros, raw-deflated, and their CRC.
func deflated(t testing.TB, n int64) ([]byte, uint32) {
	var buf bytes.Buffer
	fw, _ := flate.NewWriter(&buf, flate.BestCompression)
	zeros := make([]byte, n)
	fw.Write(zeros)
	if err := fw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes(), crc32.ChecksumIEEE(zeros)
}

// zipBomb is a zip of total bytes of zeros in entries of per bytes, all
// sharing one compressed copy.
func zipBomb(t testing.TB, total, per int64) []byte {
	data, crc := deflated(t, per)
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for i := int64(0); i < total/per; i++ {
		w, err := zw.CreateRaw(&zip.FileHeader{Name: fmt.Sprintf("bomb/%d", i), Method: zip.Deflate,
			CRC32: crc, CompressedSize64: uint64(len(data)), UncompressedSize64: uint64(per)})
		if err != nil {
			t.Fatal(err)
		}
		w.Write(data)
	}
	zw.Close()
	return buf.Bytes()
}

// zipDeclaring is a zip whose one entry says it inflates to size bytes.
func zipDeclaring(t testing.TB, size uint64) []byte {
	data, crc := deflated(t, 1<<20)
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, err := zw.CreateRaw(&zip.FileHeader{Name: "bomb", Method: zip.Deflate, CRC32: crc,
		CompressedSize64: uint64(len(data)), UncompressedSize64: size})
	if err != nil {
		t.Fatal(err)
	}
	w.Write(data)
	zw.Close()
	return buf.Bytes()
}

// zipLying is a zip whose one entry declares size bytes but inflates to
// actual.
func zipLying(t testing.TB, size uint64, actual int64) []byte {
	data, crc := deflated(t, actual)
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, _ := zw.CreateRaw(&zip.FileHeader{Name: "bomb", Method: zip.Deflate, CRC32: crc,
		CompressedSize64: uint64(len(data)), UncompressedSize64: size})
	w.Write(data)
	zw.Close()
	return buf.Bytes()
}

// tinyTgz is a .tar.gz of n one-byte files f000000, f000001 ...
func tinyTgz(t testing.TB, n int) []byte {
	var buf bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&buf, gzip.BestSpeed)
	tw := tar.NewWriter(zw)
	for i := range n {
		tw.WriteHeader(&tar.Header{Name: fmt.Sprintf("f%06d", i), Typeflag: tar.TypeReg, Size: 1, Mode: 0o644})
		tw.Write([]byte{'x'})
	}
	tw.Close()
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// tinyZip is a zip of n one-byte files.
func tinyZip(t testing.TB, n int) []byte {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for i := range n {
		w, _ := zw.CreateHeader(&zip.FileHeader{Name: fmt.Sprintf("f%06d", i), Method: zip.Store})
		w.Write([]byte{'x'})
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestSigCounter: signatures are counted however the writes split them.
func TestSigCounter(t *testing.T) {
	data := []byte(strings.Repeat("xPK\x01\x02PK\x01\x02yPPK\x01\x02", 50))
	r := rand.New(rand.NewPCG(3, 4))
	for range 100 {
		var c sigCounter
		for rest := data; len(rest) > 0; {
			n := min(len(rest), 1+r.IntN(7))
			c.Write(rest[:n])
			rest = rest[n:]
		}
		if c.n != 150 {
			t.Fatalf("counted %d signatures, want 150", c.n)
		}
	}
}
