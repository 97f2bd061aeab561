package module

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// writeTree creates files (name -> content) below dir; a content starting
// with "->" makes a symlink to the rest.
func writeTree(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, content := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if target, ok := cutPrefix(content, "->"); ok {
			if err := os.Symlink(target, p); err != nil {
				t.Fatal(err)
			}
			continue
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func cutPrefix(s, p string) (string, bool) {
	if len(s) >= len(p) && s[:len(p)] == p {
		return s[len(p):], true
	}
	return s, false
}

func TestReadManifest(t *testing.T) {
	root := t.TempDir()
	writeTree(t, root, map[string]string{
		"licenses/CC0":                   "text",
		"ccan/foo/_info":                 "",
		"ccan/foo/foo.c":                 "",
		"ccan/foo/foo.h":                 "",
		"ccan/foo/foo_private.h":         "",
		"ccan/foo/LICENSE":               "->../../licenses/CC0",
		"ccan/foo/Makefile":              "",
		"ccan/foo/.hidden.c":             "",
		"ccan/foo/test/run.c":            "",
		"ccan/foo/test/run-two.c":        "",
		"ccan/foo/test/runfoo.c":         "",
		"ccan/foo/test/api-x.c":          "",
		"ccan/foo/test/compile_ok-a.c":   "",
		"ccan/foo/test/compile_fail-b.c": "",
		"ccan/foo/test/helper.c":         "",
		"ccan/foo/test/helper.h":         "",
		"ccan/foo/test/data.txt":         "",
		"ccan/foo/test/.c":               "",
		"ccan/foo/test/deeper/run.c":     "",
		"ccan/foo/tools/speed.c":         "",
		"ccan/foo/bar/_info":             "",
		"ccan/foo/bar/bar.c":             "",
	})
	m, err := ReadManifest(filepath.Join(root, "ccan/foo"))
	if err != nil {
		t.Fatal(err)
	}
	want := &Manifest{
		Info:        "_info",
		CFiles:      []string{"foo.c"},
		HFiles:      []string{"foo.h", "foo_private.h"},
		RunTests:    []string{"test/run-two.c", "test/run.c", "test/runfoo.c"},
		APITests:    []string{"test/api-x.c"},
		CompileOK:   []string{"test/compile_ok-a.c"},
		CompileFail: []string{"test/compile_fail-b.c"},
		TestHelpers: []string{"test/helper.c"},
		// Only .h files count as other test files: like the original,
		// data files in test/ are plain other files.
		TestOther:    []string{"test/helper.h"},
		Other:        []string{"LICENSE", "Makefile", "test/data.txt", "tools/speed.c"},
		Subdirs:      []string{"test", "tools"},
		NestedModule: []string{"bar"},
	}
	if diff := cmp.Diff(want, m); diff != "" {
		t.Errorf("manifest mismatch (-want +got):\n%s", diff)
	}

	tree := &Tree{Dir: root}
	names, err := tree.Modules()
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"foo", "foo/bar"}, names); diff != "" {
		t.Errorf("Modules mismatch (-want +got):\n%s", diff)
	}
	mod, err := tree.Load("foo")
	if err != nil {
		t.Fatal(err)
	}
	if mod.License == nil || mod.License.Resolved != "licenses/CC0" || mod.License.Dangling {
		t.Errorf("License = %+v, want link resolved to licenses/CC0", mod.License)
	}
	if mod.MainHeader() != "foo.h" {
		t.Errorf("MainHeader = %q", mod.MainHeader())
	}
}

func TestReadManifestErrors(t *testing.T) {
	root := t.TempDir()
	writeTree(t, root, map[string]string{
		"ccan/empty/README":   "",
		"ccan/dangling/_info": "",
		"ccan/dangling/x.c":   "->nowhere.c",
	})
	if _, err := ReadManifest(filepath.Join(root, "ccan/empty")); !errors.Is(err, ErrNotModule) {
		t.Errorf("empty module: err = %v, want ErrNotModule", err)
	}
	if _, err := ReadManifest(filepath.Join(root, "ccan/dangling")); err == nil {
		t.Errorf("dangling symlink: want an error")
	}
}

func TestClassify(t *testing.T) {
	for name, want := range map[string]Kind{
		"_info": KindInfo, "a.c": KindSource, "a.h": KindHeader, "LICENSE": KindOther,
		"test/run.c": KindRunTest, "test/runner.c": KindRunTest, "test/api.c": KindAPITest,
		"test/compile_ok.c": KindCompileOKTest, "test/compile_fail-x.c": KindCompileFailTest,
		"test/util.c": KindTestHelper, "test/util.h": KindTestOther, "test/data.txt": KindOther, "examples/x.c": KindOther,
	} {
		if got := Classify(name); got != want {
			t.Errorf("Classify(%q) = %v, want %v", name, got, want)
		}
	}
}

func TestFindTree(t *testing.T) {
	root := t.TempDir()
	writeTree(t, root, map[string]string{"ccan/str/hex/_info": "", "ccan/str/_info": ""})
	for _, p := range []string{root, filepath.Join(root, "ccan"), filepath.Join(root, "ccan/str/hex")} {
		tr, err := FindTree(p)
		if err != nil || tr.Dir != root {
			t.Errorf("FindTree(%s) = %v, %v; want %s", p, tr, err, root)
		}
	}
	if _, err := FindTree(t.TempDir()); !errors.Is(err, ErrNoTree) {
		t.Errorf("FindTree(outside) err = %v, want ErrNoTree", err)
	}
	tr, name, err := Resolve("str/hex", root, nil)
	if err != nil || name != "str/hex" || tr.Dir != root {
		t.Errorf("Resolve(str/hex) = %v %q %v", tr, name, err)
	}
	if _, name, err := Resolve("ccan/str", root, nil); err != nil || name != "str" {
		t.Errorf("Resolve(ccan/str) = %q %v", name, err)
	}
	if _, _, err := Resolve("nope", root, nil); err == nil {
		t.Errorf("Resolve(nope): want error")
	}
}
