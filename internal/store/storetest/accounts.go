package storetest

// The accounts part of the compliance suite: users, sessions, tokens,
// module ownership (the store-level authorization matrix) and yanks.

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/ccan-archive/ccan/internal/derrors"
	"github.com/ccan-archive/ccan/internal/store"
	"github.com/google/go-cmp/cmp"
)

func newUser(t *testing.T, s store.Store, name string) *store.User {
	t.Helper()
	u, err := s.CreateUser(ctx, name, name+"@example.com", "$argon2id$fake$"+name)
	if err != nil {
		t.Fatal(err)
	}
	return u
}

func hashOf(s string) []byte {
	h := sha256.Sum256([]byte(s))
	return h[:]
}

func testUsers(t *testing.T, s store.Store) {
	alice := newUser(t, s, "alice")
	if alice.ID == 0 || alice.Name != "alice" || alice.Created.IsZero() {
		t.Errorf("CreateUser = %+v", alice)
	}
	_, err := s.CreateUser(ctx, "alice", "other@example.com", "h")
	wantKind(t, "same name", err, derrors.AlreadyExists)
	_, err = s.CreateUser(ctx, "alice2", "ALICE@Example.com", "h")
	wantKind(t, "same email, other case", err, derrors.AlreadyExists)
	for _, bad := range [][2]string{{"Alice", "a@example.com"}, {"a", "a@example.com"}, {"1abc", "a@example.com"},
		{"bob smith", "b@example.com"}, {"bob", "bob"}, {"bob", "bob@localhost"}, {"bob", "b ob@example.com"}} {
		_, err := s.CreateUser(ctx, bad[0], bad[1], "h")
		wantKind(t, fmt.Sprintf("CreateUser(%q, %q)", bad[0], bad[1]), err, derrors.InvalidArgument)
	}
	got, err := s.GetUser(ctx, "alice")
	if err != nil || !cmp.Equal(got, alice) {
		t.Errorf("GetUser = %+v, %v; want %+v", got, err, alice)
	}
	_, err = s.GetUser(ctx, "nobody")
	wantKind(t, "GetUser(nobody)", err, derrors.NotFound)
	if got, err := s.UserByID(ctx, alice.ID); err != nil || !cmp.Equal(got, alice) {
		t.Errorf("UserByID = %+v, %v; want %+v", got, err, alice)
	}
	_, err = s.UserByID(ctx, alice.ID+100)
	wantKind(t, "UserByID(unknown)", err, derrors.NotFound)
	for _, login := range []string{"alice", "ALICE", "alice@example.com", "Alice@EXAMPLE.com"} {
		u, hash, err := s.UserCredentials(ctx, login)
		if err != nil || u.ID != alice.ID || hash != "$argon2id$fake$alice" {
			t.Errorf("UserCredentials(%q) = %+v, %q, %v", login, u, hash, err)
		}
	}
	_, _, err = s.UserCredentials(ctx, "bob@example.com")
	wantKind(t, "UserCredentials(unknown)", err, derrors.NotFound)
	if err := s.SetPasswordHash(ctx, alice.ID, "new"); err != nil {
		t.Fatal(err)
	}
	if _, hash, _ := s.UserCredentials(ctx, "alice"); hash != "new" {
		t.Errorf("after SetPasswordHash: hash %q", hash)
	}
	wantKind(t, "SetPasswordHash(unknown)", s.SetPasswordHash(ctx, 9999, "x"), derrors.NotFound)
}

func testSessions(t *testing.T, s store.Store) {
	alice := newUser(t, s, "alice")
	now := time.Now().UTC().Truncate(time.Millisecond)
	live, old := hashOf("live"), hashOf("old")
	if err := s.CreateSession(ctx, live, alice.ID, now.Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	if err := s.CreateSession(ctx, old, alice.ID, now.Add(-time.Hour)); err != nil {
		t.Fatal(err)
	}
	wantKind(t, "CreateSession(same id)", s.CreateSession(ctx, live, alice.ID, now), derrors.AlreadyExists)
	sess, err := s.GetSession(ctx, live)
	if err != nil || sess.User.Name != "alice" || !sess.Expires.Equal(now.Add(time.Hour)) {
		t.Fatalf("GetSession = %+v, %v", sess, err)
	}
	if sess, err := s.GetSession(ctx, old); err != nil || sess.Expires.After(now) {
		t.Errorf("GetSession(expired) = %+v, %v; want it returned with its expiry", sess, err)
	}
	if err := s.DeleteExpiredSessions(ctx, now); err != nil {
		t.Fatal(err)
	}
	_, err = s.GetSession(ctx, old)
	wantKind(t, "GetSession after DeleteExpiredSessions", err, derrors.NotFound)
	if err := s.DeleteSession(ctx, live); err != nil {
		t.Fatal(err)
	}
	_, err = s.GetSession(ctx, live)
	wantKind(t, "GetSession after DeleteSession", err, derrors.NotFound)
	if err := s.DeleteSession(ctx, live); err != nil {
		t.Errorf("DeleteSession twice: %v", err)
	}
}

func testTokens(t *testing.T, s store.Store) {
	alice, bob := newUser(t, s, "alice"), newUser(t, s, "bob")
	exp := time.Now().Add(24 * time.Hour).UTC().Truncate(time.Millisecond)
	tok := &store.Token{UserID: alice.ID, Name: "laptop", Prefix: "abcd2345", Scopes: []string{"yank", "publish", "yank"}, Expires: exp}
	if err := s.CreateToken(ctx, tok, hashOf("secret")); err != nil {
		t.Fatal(err)
	}
	if tok.ID == 0 || tok.Created.IsZero() || !cmp.Equal(tok.Scopes, []string{"publish", "yank"}) {
		t.Errorf("CreateToken filled %+v", tok)
	}
	dup := &store.Token{UserID: bob.ID, Name: "x", Prefix: "abcd2345", Scopes: []string{"yank"}, Expires: exp}
	wantKind(t, "CreateToken(same prefix)", s.CreateToken(ctx, dup, hashOf("other")), derrors.AlreadyExists)
	for _, bad := range []*store.Token{
		{UserID: alice.ID, Name: "", Prefix: "p1", Scopes: []string{"yank"}, Expires: exp},
		{UserID: alice.ID, Name: "n", Prefix: "p2", Scopes: nil, Expires: exp},
		{UserID: alice.ID, Name: "n", Prefix: "p3", Scopes: []string{"admin"}, Expires: exp},
		{UserID: alice.ID, Name: "n\n", Prefix: "p4", Scopes: []string{"yank"}, Expires: exp},
	} {
		wantKind(t, fmt.Sprintf("CreateToken(%+v)", bad), s.CreateToken(ctx, bad, hashOf("x")), derrors.InvalidArgument)
	}
	got, hash, err := s.TokenByPrefix(ctx, "abcd2345")
	if err != nil || !bytes.Equal(hash, hashOf("secret")) || !cmp.Equal(got, tok) {
		t.Fatalf("TokenByPrefix = %+v, %x, %v; want %+v", got, hash, err, tok)
	}
	_, _, err = s.TokenByPrefix(ctx, "zzzzzzzz")
	wantKind(t, "TokenByPrefix(unknown)", err, derrors.NotFound)

	used := time.Now().UTC().Truncate(time.Millisecond)
	if err := s.TouchToken(ctx, tok.ID, used); err != nil {
		t.Fatal(err)
	}
	second := &store.Token{UserID: alice.ID, Name: "ci", Prefix: "efgh6789", Scopes: []string{"publish"}, Expires: exp}
	if err := s.CreateToken(ctx, second, hashOf("s2")); err != nil {
		t.Fatal(err)
	}
	list, err := s.ListTokens(ctx, alice.ID)
	if err != nil || len(list) != 2 || list[0].Name != "ci" || !list[1].LastUsed.Equal(used) || !list[0].LastUsed.IsZero() {
		t.Errorf("ListTokens = %+v, %v; want ci (never used), laptop (used %v)", list, err, used)
	}
	if list, _ := s.ListTokens(ctx, bob.ID); len(list) != 0 {
		t.Errorf("bob's tokens = %+v", list)
	}

	wantKind(t, "RevokeToken(another user's)", s.RevokeToken(ctx, bob.ID, tok.ID, used), derrors.NotFound)
	if got, _, _ := s.TokenByPrefix(ctx, "abcd2345"); !got.Active(used) {
		t.Errorf("token revoked by another user: %+v", got)
	}
	if err := s.RevokeToken(ctx, alice.ID, tok.ID, used); err != nil {
		t.Fatal(err)
	}
	if err := s.RevokeToken(ctx, alice.ID, tok.ID, used.Add(time.Hour)); err != nil {
		t.Errorf("revoking twice: %v", err)
	}
	got, _, _ = s.TokenByPrefix(ctx, "abcd2345")
	if !got.Revoked.Equal(used) || got.Active(used) {
		t.Errorf("revoked token = %+v; want revoked at %v", got, used)
	}
	if !second.Active(time.Now()) || second.Active(exp) || !second.HasScope("publish") || second.HasScope("yank") {
		t.Errorf("Active/HasScope wrong for %+v", second)
	}
}

// testOwners is the store-level authorization matrix: who may claim
// (publish) a name and add maintainers (testRemoveMaintainer: remove).
func testOwners(t *testing.T, s store.Store) {
	alice, bob, carol := newUser(t, s, "alice"), newUser(t, s, "bob"), newUser(t, s, "carol")
	insert(t, s, Module("imported", "1"))
	type step struct {
		what string
		do   func() error
		want error // nil: allowed
	}
	claim := func(name string, u *store.User) func() error {
		return func() error { return s.ClaimModule(ctx, name, u.ID) }
	}
	add := func(name string, by *store.User, who string) func() error {
		return func() error { return s.AddMaintainer(ctx, name, by.ID, who) }
	}
	steps := []step{
		{"owner claims a new name", claim("fresh", alice), nil},
		{"owner claims again", claim("fresh", alice), nil},
		{"stranger claims an owned name", claim("fresh", bob), derrors.PermissionDenied},
		{"stranger adds a maintainer", add("fresh", bob, "carol"), derrors.PermissionDenied},
		{"stranger adds himself", add("fresh", bob, "bob"), derrors.PermissionDenied},
		{"owner adds an unknown user", add("fresh", alice, "nobody"), derrors.NotFound},
		{"owner adds a maintainer", add("fresh", alice, "bob"), nil},
		{"owner adds the same maintainer again", add("fresh", alice, "bob"), nil},
		{"owner adds himself", add("fresh", alice, "alice"), nil},
		{"co-maintainer claims (publishes)", claim("fresh", bob), nil},
		{"co-maintainer adds a maintainer", add("fresh", bob, "carol"), derrors.PermissionDenied},
		{"stranger claims a nested name of an owned module", claim("fresh/sub", carol), derrors.PermissionDenied},
		{"owner claims a nested name", claim("fresh/sub", alice), nil},
		{"co-maintainer claims a nested name", claim("fresh/other", bob), nil},
		{"anyone claims an imported name without owner", claim("imported", alice), derrors.PermissionDenied},
		{"anyone claims a nested name of an imported module", claim("imported/x", alice), derrors.PermissionDenied},
		{"nobody adds maintainers to an unowned name", add("imported", alice, "bob"), derrors.PermissionDenied},
		{"unknown user claims", func() error { return s.ClaimModule(ctx, "other", 9999) }, derrors.NotFound},
		{"bad name", claim("../x", alice), derrors.InvalidArgument},
	}
	for _, st := range steps {
		err := st.do()
		if st.want == nil && err != nil || st.want != nil && !errors.Is(err, st.want) {
			t.Errorf("%s: error = %v, want %v", st.what, err, st.want)
		}
	}
	owners, err := s.ModuleOwners(ctx, "fresh")
	want := []store.Owner{{User: "alice", Role: store.RoleOwner}, {User: "bob", Role: store.RoleMaintainer}}
	if err != nil || !cmp.Equal(owners, want) {
		t.Errorf("ModuleOwners(fresh) = %v, %v; want %v", owners, err, want)
	}
	if owners, err := s.ModuleOwners(ctx, "imported"); err != nil || len(owners) != 0 || owners == nil {
		t.Errorf("ModuleOwners(imported) = %#v, %v; want empty, non-nil", owners, err)
	}
}

// testRemoveMaintainer is the store-level matrix of who may remove a
// co-maintainer: the owner anyone, a co-maintainer only themself.
func testRemoveMaintainer(t *testing.T, s store.Store) {
	alice, bob, carol, dave := newUser(t, s, "alice"), newUser(t, s, "bob"), newUser(t, s, "carol"), newUser(t, s, "dave")
	insert(t, s, Module("imported", "1"))
	for _, err := range []error{
		s.ClaimModule(ctx, "fresh", alice.ID),
		s.AddMaintainer(ctx, "fresh", alice.ID, "bob"),
		s.AddMaintainer(ctx, "fresh", alice.ID, "carol"),
		s.ClaimModule(ctx, "other", dave.ID),
		s.AddMaintainer(ctx, "other", dave.ID, "bob"),
	} {
		if err != nil {
			t.Fatal(err)
		}
	}
	rm := func(name string, by *store.User, who string) func() error {
		return func() error { return s.RemoveMaintainer(ctx, name, by.ID, who) }
	}
	steps := []struct {
		what string
		do   func() error
		want error // nil: allowed
	}{
		{"stranger removes a maintainer", rm("fresh", dave, "bob"), derrors.PermissionDenied},
		{"stranger removes the owner", rm("fresh", dave, "alice"), derrors.PermissionDenied},
		{"stranger removes himself", rm("fresh", dave, "dave"), derrors.PermissionDenied},
		{"stranger removes an unknown user", rm("fresh", dave, "nobody"), derrors.PermissionDenied},
		{"unknown user removes", func() error { return s.RemoveMaintainer(ctx, "fresh", 9999, "bob") }, derrors.PermissionDenied},
		{"co-maintainer removes another", rm("fresh", bob, "carol"), derrors.PermissionDenied},
		{"co-maintainer removes the owner", rm("fresh", bob, "alice"), derrors.PermissionDenied},
		{"owner removes himself", rm("fresh", alice, "alice"), derrors.InvalidArgument},
		{"owner removes an unknown user", rm("fresh", alice, "nobody"), derrors.NotFound},
		{"owner removes a non-maintainer", rm("fresh", alice, "dave"), derrors.NotFound},
		{"nobody removes from an unowned name", rm("imported", alice, "bob"), derrors.PermissionDenied},
		{"bad name", rm("../x", alice, "bob"), derrors.InvalidArgument},
		{"owner removes a co-maintainer", rm("fresh", alice, "carol"), nil},
		{"owner removes the same co-maintainer again", rm("fresh", alice, "carol"), derrors.NotFound},
		{"removed maintainer claims (publishes)", func() error { return s.ClaimModule(ctx, "fresh", carol.ID) }, derrors.PermissionDenied},
		{"removed maintainer claims a nested name", func() error { return s.ClaimModule(ctx, "fresh/sub", carol.ID) }, derrors.PermissionDenied},
		{"removed maintainer removes another", rm("fresh", carol, "bob"), derrors.PermissionDenied},
		{"co-maintainer claims before stepping down", func() error { return s.ClaimModule(ctx, "fresh", bob.ID) }, nil},
		{"co-maintainer steps down", rm("fresh", bob, "bob"), nil},
		{"co-maintainer steps down again", rm("fresh", bob, "bob"), derrors.PermissionDenied},
		{"stepped-down maintainer claims (publishes)", func() error { return s.ClaimModule(ctx, "fresh", bob.ID) }, derrors.PermissionDenied},
		{"owner still claims (publishes)", func() error { return s.ClaimModule(ctx, "fresh", alice.ID) }, nil},
		{"owner re-adds a removed maintainer", func() error { return s.AddMaintainer(ctx, "fresh", alice.ID, "carol") }, nil},
		{"re-added maintainer claims (publishes)", func() error { return s.ClaimModule(ctx, "fresh", carol.ID) }, nil},
	}
	for _, st := range steps {
		err := st.do()
		if st.want == nil && err != nil || st.want != nil && !errors.Is(err, st.want) {
			t.Errorf("%s: error = %v, want %v", st.what, err, st.want)
		}
	}
	owners, err := s.ModuleOwners(ctx, "fresh")
	want := []store.Owner{{User: "alice", Role: store.RoleOwner}, {User: "carol", Role: store.RoleMaintainer}}
	if err != nil || !cmp.Equal(owners, want) {
		t.Errorf("ModuleOwners(fresh) = %v, %v; want %v", owners, err, want)
	}
	// Stepping down from one module leaves bob's other modules alone.
	owners, err = s.ModuleOwners(ctx, "other")
	want = []store.Owner{{User: "dave", Role: store.RoleOwner}, {User: "bob", Role: store.RoleMaintainer}}
	if err != nil || !cmp.Equal(owners, want) {
		t.Errorf("ModuleOwners(other) = %v, %v; want %v", owners, err, want)
	}
}

// testClaimRace checks that of many simultaneous first claims of a name
// exactly one wins.
func testClaimRace(t *testing.T, s store.Store) {
	const n = 8
	users := make([]*store.User, n)
	for i := range users {
		users[i] = newUser(t, s, fmt.Sprintf("user%d", i))
	}
	errs := make([]error, n)
	var wg sync.WaitGroup
	for i, u := range users {
		wg.Go(func() { errs[i] = s.ClaimModule(ctx, "race", u.ID) })
	}
	wg.Wait()
	winners := 0
	for i, err := range errs {
		switch {
		case err == nil:
			winners++
		case !errors.Is(err, derrors.PermissionDenied):
			t.Errorf("claim %d: %v", i, err)
		}
	}
	owners, _ := s.ModuleOwners(ctx, "race")
	if winners != 1 || len(owners) != 1 {
		t.Errorf("%d claims won, owners %v; want exactly one", winners, owners)
	}
}

func testYank(t *testing.T, s store.Store) {
	v1, v2, v3 := Module("m", "1", "ccan/a"), Module("m", "2", "ccan/a"), Module("m", "3")
	v2.Summary, v3.Summary = "second", "third"
	insert(t, s, Module("a", "1"), v1, v2, v3)
	latest := func(want string, wantYanked bool) {
		t.Helper()
		mv, err := s.GetModule(ctx, "m", "")
		if err != nil || mv.Version != want || mv.Yanked != wantYanked {
			t.Errorf("GetModule(m, latest) = %v, %v; want version %s yanked %v", mv, err, want, wantYanked)
			return
		}
		ms, err := s.ListModules(ctx)
		if err != nil || len(ms) != 2 || ms[1].Version != want {
			t.Errorf("ListModules = %v, %v; want m at %s", ms, err, want)
		}
	}
	latest("3", false)
	if err := s.SetYanked(ctx, "m", "3", true); err != nil {
		t.Fatal(err)
	}
	latest("2", false)
	if mv, err := s.GetModule(ctx, "m", "3"); err != nil || !mv.Yanked {
		t.Errorf("GetModule(m, 3) = %v, %v; want it served, yanked", mv, err)
	}
	vs, err := s.Versions(ctx, "m")
	if err != nil || len(vs) != 3 || !vs[0].Yanked || vs[1].Yanked {
		t.Errorf("Versions = %+v, %v; want 3 yanked, 2 not", vs, err)
	}
	// Resolution follows the latest unyanked version everywhere.
	if rd, err := s.ReverseDeps(ctx, "a", false); err != nil || !cmp.Equal(rd, []string{"m"}) {
		t.Errorf("ReverseDeps(a) after yanking 3 = %v, %v; want [m] (2 depends on a)", rd, err)
	}
	if ms, _ := s.ListModules(ctx); len(ms) > 0 && ms[0].ReverseDeps != 1 {
		t.Errorf("a's reverse-dependency count = %d, want 1", ms[0].ReverseDeps)
	}
	if res, err := s.Search(ctx, "second", 10); err != nil || len(res) != 1 || res[0].Version != "2" {
		t.Errorf("Search(second) = %v, %v; want m at 2", res, err)
	}
	for _, v := range []string{"2", "1"} {
		if err := s.SetYanked(ctx, "m", v, true); err != nil {
			t.Fatal(err)
		}
	}
	latest("3", true) // every version yanked: the newest one
	if err := s.SetYanked(ctx, "m", "1", false); err != nil {
		t.Fatal(err)
	}
	latest("1", false)
	insert(t, s, Module("m", "4"))
	latest("4", false)
	wantKind(t, "SetYanked(unknown version)", s.SetYanked(ctx, "m", "9", true), derrors.NotFound)
	wantKind(t, "SetYanked(unknown module)", s.SetYanked(ctx, "zz", "1", true), derrors.NotFound)
	wantKind(t, "SetYanked(no version)", s.SetYanked(ctx, "m", "", true), derrors.InvalidArgument)
}
