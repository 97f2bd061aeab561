package browsertest

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ccan-archive/ccan/internal/configure"
	"github.com/ccan-archive/ccan/internal/store"
)

// buildTarball proves that the with-deps tarball tgz of module name
// builds: it extracts it, writes config.h from the configure package,
// compiles every .c of the module and its dependencies with cc, then
// links the module's test/run.c against the dependencies and tap
// (fetched from baseURL when the tarball lacks it, as tap is a test
// dependency) and runs it.
func buildTarball(t *testing.T, baseURL, tgz, name string) {
	t.Helper()
	_, err := exec.LookPath("cc")
	need(t, "gcc", "cc", err)
	root := t.TempDir()
	f, err := os.Open(tgz)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := extract(f, root); err != nil {
		t.Fatalf("extracting %s-with-deps: %v", name, err)
	}
	if _, err := os.Stat(filepath.Join(root, "ccan", name, "_info")); err != nil {
		t.Fatalf("with-deps tarball lacks its module: %v", err)
	}
	if _, err := os.Stat(filepath.Join(root, "ccan", "tap")); err != nil {
		fetchModule(t, baseURL, "tap", root)
	}
	writeConfigH(t, root)

	objDir := t.TempDir()
	var lib []string
	srcs := sources(t, root)
	for _, c := range srcs {
		obj := filepath.Join(objDir, strings.NewReplacer("/", "_").Replace(c)+".o")
		cc(t, root, "-I", root, "-c", c, "-o", obj)
		if !strings.HasPrefix(c, "ccan/"+name+"/") { // run.c #includes the module's own .c
			lib = append(lib, obj)
		}
	}
	archive := filepath.Join(objDir, "libdeps.a")
	if out, err := exec.Command("ar", append([]string{"rcs", archive}, lib...)...).CombinedOutput(); err != nil {
		t.Fatalf("ar: %v\n%s", err, out)
	}
	exe := filepath.Join(objDir, "run")
	cc(t, root, "-I", root, "ccan/"+name+"/test/run.c", archive, "-o", exe)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	out, err := exec.CommandContext(ctx, exe).CombinedOutput()
	if err != nil || bytes.Contains(out, []byte("not ok")) {
		t.Fatalf("ccan/%s/test/run: %v\n%s", name, err, out)
	}
	t.Logf("compiled %d .c files from the tarball; ccan/%s/test/run passed: %s", len(srcs), name, bytes.TrimSpace(out[:bytes.IndexByte(out, '\n')+1]))
}

// sources lists the .c files of every module under root/ccan, leaving
// out tests and _info.
func sources(t *testing.T, root string) []string {
	var cs []string
	err := filepath.WalkDir(filepath.Join(root, "ccan"), func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && d.Name() == "test" {
			return filepath.SkipDir
		}
		if !d.IsDir() && strings.HasSuffix(p, ".c") {
			rel, _ := filepath.Rel(root, p)
			cs = append(cs, filepath.ToSlash(rel))
		}
		return nil
	})
	if err != nil || len(cs) == 0 {
		t.Fatalf("no C sources in the tarball (%v)", err)
	}
	return cs
}

func cc(t *testing.T, dir string, args ...string) {
	t.Helper()
	cmd := exec.Command("cc", args...)
	cmd.Dir = dir
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("cc %s: %v\n%s", strings.Join(args, " "), err, out)
	}
}

// writeConfigH generates root/config.h with the configure package; its
// cache is shared between test runs like the lint tests' ($CCAN_CACHE).
func writeConfigH(t *testing.T, root string) {
	t.Helper()
	cache := os.Getenv("CCAN_CACHE")
	if cache == "" {
		cache = filepath.Join(os.TempDir(), "ccan-test-cache")
	}
	cfg, err := configure.Run(context.Background(), configure.Options{CacheDir: filepath.Join(cache, "configure")})
	if err != nil {
		t.Fatalf("configure: %v", err)
	}
	if err := os.WriteFile(filepath.Join(root, "config.h"), cfg.Header(), 0o644); err != nil {
		t.Fatal(err)
	}
}

// fetchModule extracts module name's own tarball from the server into
// root.
func fetchModule(t *testing.T, baseURL, name, root string) {
	t.Helper()
	var mv store.ModuleVersion
	getJSON(t, baseURL+"/api/module/"+name, &mv)
	tb := mv.Tarball(store.TarballModule)
	if tb == nil {
		t.Fatalf("ccan/%s has no tarball", name)
	}
	resp, err := http.Get(baseURL + "/download/" + tb.SHA256 + "/" + tb.Name)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Fatalf("downloading %s: %s", tb.Name, resp.Status)
	}
	if err := extract(resp.Body, root); err != nil {
		t.Fatalf("extracting %s: %v", tb.Name, err)
	}
}

func getJSON(t *testing.T, url string, v any) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Fatalf("GET %s: %s", url, resp.Status)
	}
	if err := json.NewDecoder(resp.Body).Decode(v); err != nil {
		t.Fatalf("GET %s: %v", url, err)
	}
}

// extract unpacks a .tar.gz into dir: directories, regular files and
// symbolic links that stay inside dir.
func extract(r io.Reader, dir string) error {
	zr, err := gzip.NewReader(r)
	if err != nil {
		return err
	}
	tr := tar.NewReader(zr)
	for {
		h, err := tr.Next()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		if !filepath.IsLocal(h.Name) {
			return fmt.Errorf("entry %q escapes the root", h.Name)
		}
		p := filepath.Join(dir, h.Name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		switch h.Typeflag {
		case tar.TypeDir:
			err = os.MkdirAll(p, 0o755)
		case tar.TypeReg:
			var b []byte
			if b, err = io.ReadAll(io.LimitReader(tr, 64<<20)); err == nil {
				err = os.WriteFile(p, b, 0o644)
			}
		case tar.TypeSymlink:
			if !filepath.IsLocal(filepath.Join(filepath.Dir(h.Name), h.Linkname)) {
				return fmt.Errorf("link %q -> %q escapes the root", h.Name, h.Linkname)
			}
			err = os.Symlink(h.Linkname, p)
		default:
			err = fmt.Errorf("entry %q: unexpected type %c", h.Name, h.Typeflag)
		}
		if err != nil {
			return err
		}
	}
}
