package project

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/ccan-archive/ccan/internal/license"
	"github.com/ccan-archive/ccan/internal/tarball"
	"github.com/google/go-cmp/cmp"
)

// content builds the tarball entries of a test module version.
func content(name, vers, lic string) []tarball.Entry {
	depth := strings.Repeat("../", strings.Count(name, "/"))
	file := map[string]string{"CC0 (Public domain)": "CC0", "BSD-MIT": "BSD-MIT"}[lic]
	return []tarball.Entry{
		{Name: "ccan/" + name + "/_info", Data: []byte("/**\n * " + name + " - a module\n *\n * License: " + lic + "\n */\n")},
		{Name: "ccan/" + name + "/" + filepath.Base(name) + ".h", Data: []byte("/* " + name + " " + vers + " */\n")},
		{Name: "ccan/" + name + "/LICENSE", Link: "../../" + depth + "licenses/" + file},
		{Name: "licenses/" + file, Data: []byte(file + " text\n")},
	}
}

// repo is a set of module versions to build locks from.
type repo map[string][]tarball.Entry // "name@vers" -> entries

func (r repo) module(name, vers, lic string, direct bool, deps ...string) *Module {
	es := content(name, vers, lic)
	r[name+"@"+vers] = es
	var buf bytes.Buffer
	tarball.Write(&buf, es)
	s := sha256.Sum256(buf.Bytes())
	var ds []string
	for _, d := range deps {
		ds = append(ds, "ccan/"+d)
	}
	m := NewModule(name, vers, ds, Tarball{Name: "x.tar.gz", SHA256: hex.EncodeToString(s[:]), Size: int64(buf.Len())}, es)
	m.Direct = direct
	return m
}

func (r repo) content(ctx context.Context, m *Module) ([]tarball.Entry, error) {
	es, ok := r[m.Name+"@"+m.Version]
	if !ok {
		return nil, errors.New("not in the test repo")
	}
	return es, nil
}

func lockOf(mods ...*Module) *Lock {
	l := &Lock{Version: lockVersion}
	for _, m := range mods {
		l.Put(m)
	}
	return l
}

// snapshot lists every file under dir with its content or link.
func snapshot(t *testing.T, dir string) map[string]string {
	out := map[string]string{}
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || p == dir {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		switch {
		case d.Type()&fs.ModeSymlink != 0:
			l, _ := os.Readlink(p)
			out[rel] = "-> " + l
		case d.IsDir():
			out[rel] = "dir"
		default:
			b, _ := os.ReadFile(p)
			out[rel] = string(b)
		}
		return nil
	})
	return out
}

func apply(t *testing.T, dir string, p *Plan) *Result {
	t.Helper()
	res, err := Apply(context.Background(), dir, p)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func TestApplyAndVerify(t *testing.T) {
	dir := t.TempDir()
	r := repo{}
	v1 := lockOf(r.module("list", "1.0", "BSD-MIT", true, "str"), r.module("str", "1.0", "CC0 (Public domain)", false),
		r.module("str/hex", "1.0", "CC0 (Public domain)", true, "str"))
	res := apply(t, dir, &Plan{Old: lockOf(), New: v1, Content: r.content, ConfigH: []byte("/* config */\n")})
	want := []string{"ccan/list", "ccan/str", "licenses/BSD-MIT", "licenses/CC0", "config.h", LockFile}
	if diff := cmp.Diff(want, res.Written); diff != "" {
		t.Errorf("written (-want +got):\n%s", diff)
	}
	if drift, err := Verify(dir, v1); err != nil || len(drift) != 0 {
		t.Errorf("Verify after Apply = %v, %v", drift, err)
	}
	if target, _ := os.Readlink(filepath.Join(dir, "ccan/str/hex/LICENSE")); target != "../../../licenses/CC0" {
		t.Errorf("str/hex LICENSE -> %q", target)
	}
	disk, exists, err := ReadLock(dir)
	if err != nil || !exists || !cmp.Equal(disk, v1) {
		t.Errorf("ReadLock = %v, %v; differs from what was applied", exists, err)
	}
	if _, err := os.Stat(filepath.Join(dir, TmpDir)); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("%s left behind: %v", TmpDir, err)
	}

	// Drift: an edit, a deletion, an added file; build products are fine.
	os.WriteFile(filepath.Join(dir, "ccan/list/list.h"), []byte("patched\n"), 0o644)
	os.Remove(filepath.Join(dir, "ccan/str/str.h"))
	os.WriteFile(filepath.Join(dir, "ccan/str/extra.c"), nil, 0o644)
	os.WriteFile(filepath.Join(dir, "ccan/str/extra.o"), nil, 0o644)
	drift, err := Verify(dir, v1)
	if err != nil {
		t.Fatal(err)
	}
	wantDrift := []Drift{{"ccan/list/list.h", "list", Modified}, {"ccan/str/extra.c", "str", Added}, {"ccan/str/str.h", "str", Missing}}
	if diff := cmp.Diff(wantDrift, drift); diff != "" {
		t.Errorf("Verify (-want +got):\n%s", diff)
	}

	// Restore brings back exactly the locked files.
	res = apply(t, dir, &Plan{Old: v1, New: v1, Content: r.content, Restore: true})
	if len(res.Discarded) != 3 {
		t.Errorf("restore discarded %v", res.Discarded)
	}
	if drift, _ := Verify(dir, v1); len(drift) != 0 {
		t.Errorf("Verify after restore = %v", drift)
	}
	if _, err := os.Stat(filepath.Join(dir, "ccan/str/extra.c")); err == nil {
		t.Errorf("restore kept an added file")
	}
}

func TestApplyRefusesLocalEdits(t *testing.T) {
	dir := t.TempDir()
	r := repo{}
	v1 := lockOf(r.module("list", "1.0", "BSD-MIT", true))
	apply(t, dir, &Plan{Old: lockOf(), New: v1, Content: r.content})
	os.WriteFile(filepath.Join(dir, "ccan/list/list.h"), []byte("patched\n"), 0o644)
	v2 := lockOf(r.module("list", "2.0", "BSD-MIT", true))
	before := snapshot(t, dir)
	_, err := Apply(context.Background(), dir, &Plan{Old: v1, New: v2, Content: r.content})
	if err == nil || !strings.Contains(err.Error(), "ccan/list/list.h: modified") {
		t.Errorf("Apply over an edit = %v", err)
	}
	if diff := cmp.Diff(before, snapshot(t, dir)); diff != "" {
		t.Errorf("refused Apply changed the project (-before +after):\n%s", diff)
	}
	apply(t, dir, &Plan{Old: v1, New: v2, Content: r.content, Force: true})
	if drift, _ := Verify(dir, v2); len(drift) != 0 {
		t.Errorf("after --force: %v", drift)
	}
	// A directory the lock does not know is not replaced either.
	os.MkdirAll(filepath.Join(dir, "ccan/mine"), 0o755)
	mine := lockOf(r.module("list", "2.0", "BSD-MIT", true), r.module("mine", "1.0", "BSD-MIT", true))
	if _, err := Apply(context.Background(), dir, &Plan{Old: v2, New: mine, Content: r.content}); err == nil || !strings.Contains(err.Error(), "ccan/mine exists") {
		t.Errorf("Apply over an unmanaged directory = %v", err)
	}
}

func TestApplyFailureLeavesProject(t *testing.T) {
	dir := t.TempDir()
	r := repo{}
	v1 := lockOf(r.module("list", "1.0", "BSD-MIT", true, "str"), r.module("str", "1.0", "CC0 (Public domain)", false))
	apply(t, dir, &Plan{Old: lockOf(), New: v1, Content: r.content})
	before := snapshot(t, dir)
	v2 := lockOf(r.module("list", "2.0", "BSD-MIT", true, "str"), r.module("str", "2.0", "CC0 (Public domain)", false))
	failing := func(ctx context.Context, m *Module) ([]tarball.Entry, error) {
		if m.Name == "str" {
			return nil, errors.New("network down")
		}
		return r.content(ctx, m)
	}
	if _, err := Apply(context.Background(), dir, &Plan{Old: v1, New: v2, Content: failing}); err == nil {
		t.Fatal("no error")
	}
	// Content that does not match the lock is refused too.
	wrong := func(ctx context.Context, m *Module) ([]tarball.Entry, error) {
		return content(m.Name, "9.9", "BSD-MIT"), nil
	}
	if _, err := Apply(context.Background(), dir, &Plan{Old: v1, New: v2, Content: wrong}); err == nil || !strings.Contains(err.Error(), "differs") {
		t.Errorf("mismatching content: %v", err)
	}
	if diff := cmp.Diff(before, snapshot(t, dir)); diff != "" {
		t.Errorf("failed Apply changed the project (-before +after):\n%s", diff)
	}
}

func TestRemoveAndPrune(t *testing.T) {
	dir := t.TempDir()
	r := repo{}
	v1 := lockOf(r.module("list", "1.0", "BSD-MIT", true, "str"), r.module("str", "1.0", "CC0 (Public domain)", false),
		r.module("str/hex", "1.0", "CC0 (Public domain)", true, "str"))
	apply(t, dir, &Plan{Old: lockOf(), New: v1, Content: r.content})
	if got := Dependents(v1, "str", nil); !cmp.Equal(got, []string{"list", "str/hex"}) {
		t.Errorf("Dependents(str) = %v", got)
	}
	v2 := v1.Clone()
	v2.Delete("list")
	if gone := Prune(v2); len(gone) != 0 {
		t.Errorf("Prune removed %v; str is still needed by str/hex", gone)
	}
	// str/hex goes but ccan/str stays: they share a directory.
	v3 := v2.Clone()
	v3.Delete("str/hex")
	if gone := Prune(v3); !cmp.Equal(gone, []string{"str"}) {
		t.Errorf("Prune = %v, want [str]", gone)
	}
	apply(t, dir, &Plan{Old: v1, New: v2})
	if _, err := os.Stat(filepath.Join(dir, "ccan/list")); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("ccan/list still there: %v", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "licenses/BSD-MIT")); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("licenses/BSD-MIT still there: %v", err)
	}
	if drift, _ := Verify(dir, v2); len(drift) != 0 {
		t.Errorf("after removing list: %v", drift)
	}
	apply(t, dir, &Plan{Old: v2, New: v3})
	var left []string
	for p := range snapshot(t, dir) {
		left = append(left, p)
	}
	sort.Strings(left)
	if !cmp.Equal(left, []string{LockFile}) {
		t.Errorf("after removing everything: %v", left)
	}
}

func TestLockRoundTrip(t *testing.T) {
	r := repo{}
	l := lockOf(r.module("list", "1.0", "BSD-MIT", true, "str"), r.module("str", "1.0", "CC0 (Public domain)", false))
	l.Archive, l.License = "http://127.0.0.1:1/", "MIT"
	got, err := ParseLock(l.Marshal())
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(l, got); diff != "" {
		t.Errorf("round trip (-want +got):\n%s", diff)
	}
	if l.Module("list").License != "BSD-MIT" {
		t.Errorf("license from _info = %q", l.Module("list").License)
	}
	good := string(l.Marshal())
	for name, bad := range map[string]string{
		"version":      strings.Replace(good, `"lock_version": 1`, `"lock_version": 7`, 1),
		"unknown":      strings.Replace(good, `"archive"`, `"archiv"`, 1),
		"path escapes": strings.Replace(good, `"ccan/list/list.h"`, `"ccan/list/../../etc/x"`, 1),
		"other module": strings.Replace(good, `"ccan/list/list.h"`, `"ccan/str/list.h"`, 1),
		"abs link":     strings.Replace(good, `"../../licenses/BSD-MIT"`, `"/etc/passwd"`, 1),
		"bad dep":      strings.Replace(good, `"ccan/str"`, `"str"`, 1),
		"truncated":    good[:len(good)/2],
	} {
		if _, err := ParseLock([]byte(bad)); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
}

func FuzzParseLock(f *testing.F) {
	r := repo{}
	f.Add(lockOf(r.module("list", "1.0", "BSD-MIT", true, "str")).Marshal())
	f.Add([]byte(`{"lock_version":1,"modules":[null]}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		l, err := ParseLock(b)
		if err != nil {
			return
		}
		again, err := ParseLock(l.Marshal())
		if err != nil || !cmp.Equal(l, again) {
			t.Fatalf("a parsed lock does not round-trip: %v", err)
		}
	})
}

func TestLicenses(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want license.License
	}{
		{"BSD-MIT", license.MIT}, {"MIT", license.MIT}, {"GPL-2.0-or-later", license.GPLv2Plus},
		{"GPL (v2 or any later version)", license.GPLv2Plus}, {"gplv2+", license.GPLv2Plus}, {"CC0", license.CC0},
		{"LGPL-2.1-only", license.LGPLv2}, {"Public domain", license.PublicDomain},
	} {
		if got, err := ParseLicense(tc.in); err != nil || got != tc.want {
			t.Errorf("ParseLicense(%q) = %v, %v; want %v", tc.in, got, err, tc.want)
		}
	}
	if _, err := ParseLicense("Apache-2.0"); err == nil {
		t.Error("ParseLicense(Apache-2.0): no error")
	}
	r := repo{}
	mods := []*Module{r.module("list", "1", "BSD-MIT", true), r.module("str", "1", "CC0 (Public domain)", false)}
	odd := r.module("odd", "1", "BSD-MIT", false)
	odd.License = "APACHE-2"
	if bad := CheckLicenses(license.GPLv2Plus, mods); len(bad) != 0 {
		t.Errorf("GPLv2+ project: %v", bad)
	}
	bad := CheckLicenses(license.CC0, append(mods, odd))
	if len(bad) != 2 || bad[0].Module != "list" || !strings.Contains(bad[0].Reason, "may not include BSD-MIT") || bad[1].Module != "odd" {
		t.Errorf("CC0 project: %v", bad)
	}
}
