// Package storetest is the compliance suite every store.Store backend
// must pass (after gomods/athens' compliance.RunTests): each backend's
// test calls Run with a constructor of empty stores.
package storetest

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/ccan-archive/ccan/internal/derrors"
	"github.com/ccan-archive/ccan/internal/store"
	"github.com/google/go-cmp/cmp"
)

// Run runs the suite; newStore must return a new, empty store each call
// (closing it is Run's job).
func Run(t *testing.T, newStore func(t *testing.T) store.Store) {
	tests := []struct {
		name string
		fn   func(*testing.T, store.Store)
	}{
		{"Empty", testEmpty},
		{"RoundTrip", testRoundTrip},
		{"Versions", testVersions},
		{"AlreadyExists", testAlreadyExists},
		{"ReverseDeps", testReverseDeps},
		{"Search", testSearch},
		{"SearchGarbage", testSearchGarbage},
		{"Files", testFiles},
		{"Lint", testLint},
		{"Junk", testJunk},
		{"Archive", testArchive},
		{"BadInput", testBadInput},
		{"Users", testUsers},
		{"Sessions", testSessions},
		{"Tokens", testTokens},
		{"Owners", testOwners},
		{"RemoveMaintainer", testRemoveMaintainer},
		{"ClaimRace", testClaimRace},
		{"Yank", testYank},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newStore(t)
			defer s.Close()
			tt.fn(t, s)
		})
	}
}

var (
	ctx   = context.Background()
	epoch = time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
)

// Module returns a complete ModuleVersion for tests.
func Module(name, version string, depends ...string) *store.ModuleVersion {
	var all []string
	for _, d := range depends {
		if strings.HasPrefix(d, "ccan/") {
			all = append(all, d)
		}
	}
	return &store.ModuleVersion{
		Name: name, Version: version, Created: epoch,
		ContentSHA256: strings.Repeat("c", 64),
		Summary:       name + " summary", Description: "About " + name + ".\n\n  indented",
		Example: "int main(void) { return 0; }", License: "CC0 (Public domain)", LicenseFile: "licenses/CC0",
		Authors: []string{"A <a@example.com>"}, Maintainers: []string{}, SeeAlso: []string{"ccan/other"},
		Depends: nonNil(depends), AllDepends: nonNil(all), TestDepends: []string{"ccan/tap"},
		Libs: nil, Functions: []string{name + "_init"},
		Files: []*store.File{
			{Path: "_info", Kind: "info", Size: 10, SHA256: strings.Repeat("1", 64)},
			{Path: "LICENSE", Kind: "other", Size: 5, SHA256: strings.Repeat("2", 64), Link: "../../licenses/CC0"},
			{Path: "test/run.c", Kind: "run_test", Size: 7, SHA256: strings.Repeat("3", 64)},
		},
		Tarballs: []store.Tarball{
			{Kind: store.TarballWithDeps, Name: "x-with-deps.tar.gz", SHA256: strings.Repeat("a", 64), Size: 100},
			{Kind: store.TarballModule, Name: "x.tar.gz", SHA256: strings.Repeat("b", 64), Size: 50},
			{Kind: store.TarballWithDepsBz2, Name: "x-with-deps.tar.bz2", SHA256: strings.Repeat("8", 64), Size: 90},
			{Kind: store.TarballModuleBz2, Name: "x.tar.bz2", SHA256: strings.Repeat("9", 64), Size: 45},
		},
	}
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

func insert(t *testing.T, s store.Store, mvs ...*store.ModuleVersion) {
	t.Helper()
	for _, mv := range mvs {
		if err := s.InsertModuleVersion(ctx, mv); err != nil {
			t.Fatal(err)
		}
	}
}

func wantKind(t *testing.T, what string, err, kind error) {
	t.Helper()
	if !errors.Is(err, kind) {
		t.Errorf("%s: error = %v, want %v", what, err, kind)
	}
}

func testEmpty(t *testing.T, s store.Store) {
	if ms, err := s.ListModules(ctx); err != nil || len(ms) != 0 {
		t.Errorf("ListModules = %v, %v; want empty", ms, err)
	}
	if c, err := s.Counts(ctx); err != nil || *c != (store.Counts{}) {
		t.Errorf("Counts = %+v, %v", c, err)
	}
	_, err := s.GetModule(ctx, "list", "")
	wantKind(t, "GetModule", err, derrors.NotFound)
	_, err = s.Versions(ctx, "list")
	wantKind(t, "Versions", err, derrors.NotFound)
	_, err = s.Archive(ctx, store.TarballArchive)
	wantKind(t, "Archive", err, derrors.NotFound)
	_, err = s.GetJunk(ctx, "x")
	wantKind(t, "GetJunk", err, derrors.NotFound)
	if r, err := s.Search(ctx, "list", 10); err != nil || len(r) != 0 {
		t.Errorf("Search = %v, %v", r, err)
	}
	if r, err := s.RecentVersions(ctx, 10); err != nil || len(r) != 0 {
		t.Errorf("RecentVersions = %v, %v", r, err)
	}
	if r, err := s.ReverseDeps(ctx, "list", false); err != nil || len(r) != 0 {
		t.Errorf("ReverseDeps = %v, %v", r, err)
	}
}

func testRoundTrip(t *testing.T, s store.Store) {
	want := Module("str/hex", "1.0", "ccan/str", "libfoo >= 2")
	want.Libs = []string{"m"}
	insert(t, s, want)
	for _, v := range []string{"", "1.0"} {
		got, err := s.GetModule(ctx, "str/hex", v)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("GetModule(str/hex, %q) (-want +got):\n%s", v, diff)
		}
	}
	list, err := s.ListModules(ctx)
	if err != nil || len(list) != 1 {
		t.Fatalf("ListModules = %v, %v", list, err)
	}
	wantSum := &store.ModuleSummary{Name: "str/hex", Version: "1.0", Created: epoch, Summary: want.Summary,
		License: want.License, Tarballs: want.Tarballs}
	if diff := cmp.Diff(wantSum, list[0]); diff != "" {
		t.Errorf("ListModules (-want +got):\n%s", diff)
	}
	c, _ := s.Counts(ctx)
	if want := (store.Counts{Modules: 1, Versions: 1, Files: 3}); *c != want {
		t.Errorf("Counts = %+v, want %+v", *c, want)
	}
}

func testVersions(t *testing.T, s store.Store) {
	v1, v2 := Module("list", "1"), Module("list", "2")
	v2.Created = epoch.Add(time.Hour)
	v2.Summary = "newer"
	insert(t, s, v1, v2, Module("other", "1"))
	got, err := s.GetModule(ctx, "list", "")
	if err != nil || got.Version != "2" || got.Summary != "newer" {
		t.Errorf("latest = %+v, %v; want version 2", got, err)
	}
	if got, err := s.GetModule(ctx, "list", "1"); err != nil || got.Version != "1" {
		t.Errorf("GetModule(list, 1) = %v, %v", got, err)
	}
	_, err = s.GetModule(ctx, "list", "3")
	wantKind(t, "GetModule(list, 3)", err, derrors.NotFound)
	vs, err := s.Versions(ctx, "list")
	if err != nil || len(vs) != 2 || vs[0].Version != "2" || vs[1].Version != "1" {
		t.Errorf("Versions = %v, %v; want 2, 1", vs, err)
	}
	recent, err := s.RecentVersions(ctx, 2)
	if err != nil || len(recent) != 2 || recent[0].Name != "list" || recent[0].Version != "2" {
		t.Errorf("RecentVersions(2) = %v, %v", recent, err)
	}
	if len(recent) > 0 {
		if diff := cmp.Diff(Module("list", "2").Tarballs, recent[0].Tarballs); diff != "" {
			t.Errorf("RecentVersions tarballs (-want +got):\n%s", diff)
		}
	}
}

func testAlreadyExists(t *testing.T, s store.Store) {
	insert(t, s, Module("list", "1"))
	err := s.InsertModuleVersion(ctx, Module("list", "1"))
	wantKind(t, "second insert", err, derrors.AlreadyExists)
	if vs, _ := s.Versions(ctx, "list"); len(vs) != 1 {
		t.Errorf("failed insert left %d versions", len(vs))
	}
}

func testReverseDeps(t *testing.T, s store.Store) {
	insert(t, s,
		Module("a", "1"),
		Module("b", "1", "ccan/a"),
		Module("c", "1", "ccan/b", "Judy"),
	)
	c2 := Module("c", "2", "ccan/b")
	c2.AllDepends = []string{"ccan/a", "ccan/b"}
	insert(t, s, c2)
	check := func(name string, all bool, want ...string) {
		t.Helper()
		got, err := s.ReverseDeps(ctx, name, all)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(nonNil(want), got); diff != "" {
			t.Errorf("ReverseDeps(%s, %v) (-want +got):\n%s", name, all, diff)
		}
	}
	check("a", false, "b")
	check("a", true, "b", "c")
	check("b", false, "c")
	check("c", false)
	list, _ := s.ListModules(ctx)
	for _, m := range list {
		if want := map[string]int{"a": 1, "b": 1, "c": 0}[m.Name]; m.ReverseDeps != want {
			t.Errorf("%s: ReverseDeps count %d, want %d", m.Name, m.ReverseDeps, want)
		}
	}
}

func testSearch(t *testing.T, s store.Store) {
	mk := func(name, summary, desc string, deps ...string) *store.ModuleVersion {
		mv := Module(name, "1", deps...)
		mv.Summary, mv.Description = summary, desc
		return mv
	}
	insert(t, s,
		mk("hash", "fast string hashing", "Jenkins."),
		mk("hash_extra", "more", "nothing"),
		mk("htable", "hash table", "open addressing", "ccan/hash"),
		mk("strmap", "map of strings", "a hash of sorts"),
		mk("intmap", "hash map of integers", "critbit", "ccan/htable"),
		mk("user", "uses", "x", "ccan/intmap"),
		mk("list", "linked list", "doubly"),
	)
	check := func(q string, want ...string) {
		t.Helper()
		res, err := s.Search(ctx, q, 10)
		if err != nil {
			t.Fatalf("Search(%q): %v", q, err)
		}
		var got []string
		for _, r := range res {
			got = append(got, fmt.Sprintf("%s:%d", r.Name, r.Tier))
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("Search(%q) (-want +got):\n%s", q, diff)
		}
	}
	// exact, prefix, summary (popular intmap before htable: both have
	// one dependent, so then by rank/name), body.
	check("hash", "hash:0", "hash_extra:1", "htable:2", "intmap:2", "strmap:3")
	check("ccan/list", "list:0")
	check("list_init", "list:3") // a function name: body tier
	check("linked", "list:2")
	check("doub", "list:3")
	check("nothing-at-all-here")
}

func testSearchGarbage(t *testing.T, s store.Store) {
	insert(t, s, Module("list", "1"))
	for _, q := range []string{"", " ", `"`, `"unterminated`, "a OR", "NEAR(", "*", "-", "^x", "{name}:x",
		"col:x", "a AND AND b", "'; DROP TABLE modules; --", "%", "_", "\x00", "ünïcödé", strings.Repeat("a ", 100)} {
		if _, err := s.Search(ctx, q, 10); err != nil && !errors.Is(err, derrors.InvalidArgument) {
			t.Errorf("Search(%q): %v", q, err)
		}
	}
	_, err := s.Search(ctx, strings.Repeat("x", store.MaxQueryLen+1), 10)
	wantKind(t, "long query", err, derrors.InvalidArgument)
}

func testFiles(t *testing.T, s store.Store) {
	mv := Module("list", "1")
	insert(t, s, mv)
	f, err := s.GetFile(ctx, "list", "", "test/run.c")
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(mv.Files[2], f); diff != "" {
		t.Errorf("GetFile (-want +got):\n%s", diff)
	}
	_, err = s.GetFile(ctx, "list", "1", "missing.c")
	wantKind(t, "GetFile(missing)", err, derrors.NotFound)
	for _, p := range []string{"", "/etc/passwd", "../x", "a//b", "./a"} {
		_, err = s.GetFile(ctx, "list", "", p)
		wantKind(t, fmt.Sprintf("GetFile(%q)", p), err, derrors.InvalidArgument)
	}
}

func testLint(t *testing.T, s store.Store) {
	insert(t, s, Module("list", "1"))
	_, err := s.GetLint(ctx, "list", "")
	wantKind(t, "GetLint before SetLint", err, derrors.NotFound)
	res := &store.LintResult{Score: 3, Total: 4, Checks: []*store.LintCheck{
		{Key: "info_exists", Title: "Module has _info file", Status: "pass", Score: 1, Total: 1},
		{Key: "tests_pass", Title: "Tests pass", Status: "fail", Score: 2, Total: 3,
			Messages: json.RawMessage(`[{"file":"test/run.c","msg":"boom"}]`)},
	}}
	for i := 0; i < 2; i++ { // setting twice replaces
		if err := s.SetLint(ctx, "list", "1", res); err != nil {
			t.Fatal(err)
		}
	}
	got, err := s.GetLint(ctx, "list", "")
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(res, got); diff != "" {
		t.Errorf("GetLint (-want +got):\n%s", diff)
	}
	mv, _ := s.GetModule(ctx, "list", "")
	if !mv.Linted || mv.Score != 3 || mv.Total != 4 {
		t.Errorf("module score = %v %d/%d", mv.Linted, mv.Score, mv.Total)
	}
	if c, _ := s.Counts(ctx); c.Linted != 1 {
		t.Errorf("Counts.Linted = %d", c.Linted)
	}
	err = s.SetLint(ctx, "nope", "", res)
	wantKind(t, "SetLint(nope)", err, derrors.NotFound)
}

func testJunk(t *testing.T, s store.Store) {
	j := &store.Junk{Name: "me@example.com-thing", Created: epoch,
		Files:   []*store.File{{Path: "a.c", Size: 3, SHA256: strings.Repeat("d", 64)}},
		Tarball: store.Tarball{Kind: store.TarballJunk, Name: "me@example.com-thing.tar.gz", SHA256: strings.Repeat("e", 64), Size: 9}}
	if err := s.PutJunk(ctx, j); err != nil {
		t.Fatal(err)
	}
	if got, err := s.GetJunk(ctx, j.Name); err != nil || got.TarballBz2 != nil {
		t.Errorf("GetJunk without a .tar.bz2 = %+v, %v", got, err)
	}
	j.Files = append(j.Files, &store.File{Path: "b.c", Size: 1, SHA256: strings.Repeat("f", 64)})
	j.TarballBz2 = &store.Tarball{Kind: store.TarballJunkBz2, Name: "me@example.com-thing.tar.bz2", SHA256: strings.Repeat("7", 64), Size: 8}
	if err := s.PutJunk(ctx, j); err != nil {
		t.Fatal(err)
	}
	got, err := s.GetJunk(ctx, j.Name)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(j, got); diff != "" {
		t.Errorf("GetJunk (-want +got):\n%s", diff)
	}
	if list, err := s.ListJunk(ctx); err != nil || len(list) != 1 {
		t.Errorf("ListJunk = %v, %v", list, err)
	}
	_, err = s.GetJunk(ctx, "../etc")
	wantKind(t, "GetJunk(../etc)", err, derrors.InvalidArgument)
}

func testArchive(t *testing.T, s store.Store) {
	for i, sha := range []string{strings.Repeat("1", 64), strings.Repeat("2", 64)} {
		tb := &store.Tarball{Kind: store.TarballArchive, Name: "ccan.tar.gz", SHA256: sha, Size: int64(i), Created: epoch}
		if err := s.SetArchive(ctx, tb); err != nil {
			t.Fatal(err)
		}
	}
	bz := &store.Tarball{Kind: store.TarballArchiveBz2, Name: "ccan.tar.bz2", SHA256: strings.Repeat("3", 64), Size: 7, Created: epoch}
	if err := s.SetArchive(ctx, bz); err != nil {
		t.Fatal(err)
	}
	got, err := s.Archive(ctx, store.TarballArchive)
	if err != nil || got.SHA256 != strings.Repeat("2", 64) || !got.Created.Equal(epoch) || got.Kind != store.TarballArchive {
		t.Errorf("Archive = %+v, %v", got, err)
	}
	got, err = s.Archive(ctx, store.TarballArchiveBz2)
	if err != nil || *got != *bz {
		t.Errorf("Archive(bz2) = %+v, %v; want %+v", got, err, bz)
	}
	err = s.SetArchive(ctx, &store.Tarball{Kind: store.TarballModule, Name: "x.tar.gz", SHA256: strings.Repeat("4", 64)})
	wantKind(t, "SetArchive(kind module)", err, derrors.InvalidArgument)
}

func testBadInput(t *testing.T, s store.Store) {
	for _, name := range []string{"", "../x", "a/b/c", "a b", "-x", strings.Repeat("n", 200), "x\x00"} {
		_, err := s.GetModule(ctx, name, "")
		wantKind(t, fmt.Sprintf("GetModule(%q)", name), err, derrors.InvalidArgument)
		_, err = s.ReverseDeps(ctx, name, false)
		wantKind(t, fmt.Sprintf("ReverseDeps(%q)", name), err, derrors.InvalidArgument)
		err = s.InsertModuleVersion(ctx, Module(name, "1"))
		wantKind(t, fmt.Sprintf("Insert(%q)", name), err, derrors.InvalidArgument)
	}
	_, err := s.GetModule(ctx, "list", "bad version!")
	wantKind(t, "GetModule(bad version)", err, derrors.InvalidArgument)
}
