package extract

import (
	"archive/tar"
	"archive/zip"
	"bytes"
	"compress/gzip"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// entry is one entry of a test archive, hostile or not.
type entry struct {
	name string
	typ  byte        // tar type flag; 0 means a regular file
	body string      // a regular file's content
	link string      // symlink or hard link target
	size int64       // declared size when body is "" (tar only; data is zeros)
	mode fs.FileMode // zip: mode bits (fs.ModeSymlink, fs.ModeDevice ...)
	flag uint16      // zip: general purpose flags (1 = encrypted)
}

func reg(name, body string) entry         { return entry{name: name, body: body} }
func symlink(name, target string) entry   { return entry{name: name, typ: tar.TypeSymlink, link: target} }
func hardlink(name, target string) entry  { return entry{name: name, typ: tar.TypeLink, link: target} }
func dirEntry(name string) entry          { return entry{name: name, typ: tar.TypeDir} }
func special(name string, typ byte) entry { return entry{name: name, typ: typ} }

// tarBytes writes es as a plain tar, without any of Extract's checks.
func tarBytes(t testing.TB, es ...entry) []byte {
	t.Helper()
	var buf bytes.Buffer
	tw := tar.NewWriter(&buf)
	for _, e := range es {
		h := &tar.Header{Name: e.name, Typeflag: e.typ, Linkname: e.link, Mode: 0o644}
		if e.typ == 0 {
			h.Typeflag = tar.TypeReg
			h.Size = int64(len(e.body))
			if e.body == "" {
				h.Size = e.size
			}
		}
		if err := tw.WriteHeader(h); err != nil {
			t.Fatalf("tar header %q: %v", e.name, err)
		}
		if e.body != "" {
			tw.Write([]byte(e.body))
		} else if h.Size > 0 {
			tw.Write(make([]byte, h.Size))
		}
	}
	if err := tw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func gz(t testing.TB, b []byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	zw.Write(b)
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func tgz(t testing.TB, es ...entry) []byte { return gz(t, tarBytes(t, es...)) }

// bz2 compresses b with the bzip2 program (the standard library only
// reads bzip2).
func bz2(t testing.TB, b []byte) []byte {
	t.Helper()
	path, err := exec.LookPath("bzip2")
	if err != nil {
		if os.Getenv("CCAN_TEST_MUST") != "" {
			t.Fatalf("bzip2 is required with CCAN_TEST_MUST set: %v", err)
		}
		t.Skipf("no bzip2 program: %v", err)
	}
	cmd := exec.Command(path, "-c")
	cmd.Stdin = bytes.NewReader(b)
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("bzip2: %v", err)
	}
	return out
}

// zipBytes writes es as a zip, without any of Extract's checks.
func zipBytes(t testing.TB, es ...entry) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, e := range es {
		h := &zip.FileHeader{Name: e.name, Method: zip.Deflate, Flags: e.flag}
		mode := e.mode
		if mode == 0 {
			mode = 0o644
		}
		h.SetMode(mode)
		w, err := zw.CreateHeader(h)
		if err != nil {
			t.Fatalf("zip header %q: %v", e.name, err)
		}
		if mode&fs.ModeSymlink != 0 {
			w.Write([]byte(e.link))
		} else {
			w.Write([]byte(e.body))
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// jail is a directory tree around dst with sentinel files, to show that
// an extraction changed nothing outside dst.
type jail struct {
	base, dst string
	before    map[string]string
}

// pwned is where hostile absolute paths aim; it must never appear.
const pwned = "/tmp/ccan-extract-pwned"

func newJail(t testing.TB) *jail {
	t.Helper()
	base := t.TempDir()
	dst := filepath.Join(base, "a", "b", "dst")
	if err := os.MkdirAll(dst, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, d := range []string{base, filepath.Join(base, "a"), filepath.Join(base, "a", "b")} {
		if err := os.WriteFile(filepath.Join(d, "sentinel"), []byte("untouched\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	j := &jail{base: base, dst: dst}
	j.before = j.snapshot(t)
	return j
}

// snapshot describes every name below base outside dst.
func (j *jail) snapshot(t testing.TB) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(j.base, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if p == j.dst {
			return filepath.SkipDir
		}
		switch {
		case d.Type()&fs.ModeSymlink != 0:
			target, _ := os.Readlink(p)
			out[p] = "link " + target
		case d.IsDir():
			out[p] = "dir"
		default:
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			out[p] = "file " + string(b)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// check fails t if anything outside dst changed, or dst holds a symlink
// that leads out of it.
func (j *jail) check(t testing.TB) {
	t.Helper()
	after := j.snapshot(t)
	for p, v := range after {
		if j.before[p] != v {
			t.Errorf("outside dst: %s is now %q, was %q", p, v, j.before[p])
		}
	}
	for p := range j.before {
		if _, ok := after[p]; !ok {
			t.Errorf("outside dst: %s is gone", p)
		}
	}
	if _, err := os.Lstat(pwned); err == nil {
		t.Errorf("%s exists", pwned)
	}
	checkInside(t, j.dst)
}

// checkInside fails t if a symlink below dst resolves outside dst, or
// anything there is not a plain file, directory or symlink, or a file
// has mode bits other than 0644 (directories: 0755).
func checkInside(t testing.TB, dst string) {
	t.Helper()
	filepath.WalkDir(dst, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		info, err := d.Info()
		if err != nil {
			return nil
		}
		switch m := info.Mode(); {
		case m&fs.ModeSymlink != 0:
			target, _ := os.Readlink(p)
			if filepath.IsAbs(target) {
				t.Errorf("%s: absolute symlink %s", p, target)
			}
			if real, err := filepath.EvalSymlinks(p); err == nil && !within(dst, real) {
				t.Errorf("%s: symlink resolves outside dst, to %s", p, real)
			}
		case m.IsDir():
			if p != dst && m.Perm() != 0o755 {
				t.Errorf("%s: directory mode %v", p, m)
			}
		case m.IsRegular():
			if m.Perm() != 0o644 || m&(fs.ModeSetuid|fs.ModeSetgid|fs.ModeSticky) != 0 {
				t.Errorf("%s: file mode %v", p, m)
			}
		default:
			t.Errorf("%s: not a file, directory or symlink: %v", p, m)
		}
		return nil
	})
}

func within(dir, p string) bool {
	real, err := filepath.EvalSymlinks(dir)
	if err != nil {
		return false
	}
	return p == real || strings.HasPrefix(p, real+string(filepath.Separator))
}
