package extract

import (
	"archive/tar"
	"bytes"
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"github.com/ccan-archive/ccan/internal/tarball"
	"github.com/google/go-cmp/cmp"
)

// fuzzLimits keep each fuzz run small.
var fuzzLimits = Limits{MaxTotal: 1 << 20, MaxFiles: 200, MaxFileSize: 256 << 10, MaxNameLen: 256, MaxDepth: 8}

// fuzzSeeds are tar entries for both fuzzers' seed corpora.
func fuzzSeeds(t testing.TB) [][]entry {
	var module []entry
	for _, e := range diskModule(t, "list", "list/") {
		if e.Link != "" {
			module = append(module, symlink(e.Name, e.Link))
		} else {
			module = append(module, reg(e.Name, string(e.Data)))
		}
	}
	return [][]entry{
		module,
		{dirEntry("m/"), reg("m/a.c", "int a;"), hardlink("m/b.c", "m/a.c"), symlink("m/inc", "."), symlink("m/up", "../..")},
		{symlink("d", "."), symlink("e", "d/d/../.."), reg("f", "x")},
		{symlink("evil", "../.."), reg("evil/x", "x")},
		{reg("A.c", "x"), reg("a.c", "y")},
		{reg("../x", "x")},
	}
}

// FuzzExtractTarGz fuzzes the tar inside a .tar.gz (gzip's checksum
// would stop most mutations of compressed bytes at the door).
func FuzzExtractTarGz(f *testing.F) {
	for _, es := range fuzzSeeds(f) {
		f.Add(tarBytes(f, es...))
	}
	f.Add(tarNUL(f))
	var buf bytes.Buffer
	tarball.Write(&buf, []tarball.Entry{{Name: "x/a.c", Data: []byte("int a;\n")}, {Name: "x/L", Link: "a.c"}})
	f.Add(buf.Bytes()) // compressed: not a tar inside the outer gzip
	f.Fuzz(func(t *testing.T, b []byte) {
		fuzzOne(t, gz(t, b), "x.tar.gz")
	})
}

// FuzzExtractZip fuzzes zip archives.
func FuzzExtractZip(f *testing.F) {
	for _, es := range fuzzSeeds(f) {
		var zes []entry
		for _, e := range es {
			switch e.typ {
			case 0:
				zes = append(zes, e)
			case tar.TypeDir:
				zes = append(zes, entry{name: e.name, mode: fs.ModeDir | 0o755})
			case tar.TypeSymlink:
				zes = append(zes, entry{name: e.name, link: e.link, mode: fs.ModeSymlink | 0o777})
			}
		}
		f.Add(zipBytes(f, zes...))
	}
	f.Add(zipBytes(f, entry{name: "null", mode: fs.ModeDevice | fs.ModeCharDevice}))
	f.Fuzz(func(t *testing.T, b []byte) {
		fuzzOne(t, b, "x.zip")
	})
}

// fuzzOne extracts data and checks the invariants: no panic, failures
// are *Error, nothing outside dst changes, and on success dst holds
// exactly the files Result lists, all inside dst.
func fuzzOne(t *testing.T, data []byte, name string) {
	j := newJail(t)
	res, err := Extract(context.Background(), bytes.NewReader(data), name, j.dst, fuzzLimits)
	j.check(t)
	if err != nil {
		var xe *Error
		if !errors.As(err, &xe) || xe.Reason == "" {
			t.Fatalf("err = %v (%T), want *Error with a reason", err, err)
		}
		return
	}
	var got []File
	filepath.WalkDir(j.dst, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(j.dst, p)
		f := File{Path: filepath.ToSlash(rel), Mode: 0o644}
		if d.Type()&fs.ModeSymlink != 0 {
			f.Mode = fs.ModeSymlink | 0o777
			f.Link, _ = os.Readlink(p)
		} else if info, err := d.Info(); err == nil {
			f.Size = info.Size()
		}
		got = append(got, f)
		return nil
	})
	if diff := cmp.Diff(res.Files, got); diff != "" {
		t.Errorf("dst differs from Result.Files (-result +disk):\n%s", diff)
	}
}
