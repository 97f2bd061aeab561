package sqlite

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/ccan-archive/ccan/internal/store"
	"github.com/ccan-archive/ccan/internal/store/storetest"
)

func newStore(t *testing.T) store.Store {
	s, err := Open(context.Background(), filepath.Join(t.TempDir(), "ccan.db"))
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestCompliance(t *testing.T) {
	storetest.Run(t, newStore)
}

func TestMigrationsNumbered(t *testing.T) {
	if _, err := Migrations(); err != nil {
		t.Fatal(err)
	}
}

func TestReopen(t *testing.T) {
	path := filepath.Join(t.TempDir(), "ccan.db")
	ctx := context.Background()
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.InsertModuleVersion(ctx, storetest.Module("list", "1")); err != nil {
		t.Fatal(err)
	}
	s.Close()
	s, err = Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, err := s.GetModule(ctx, "list", ""); err != nil {
		t.Errorf("after reopen: %v", err)
	}
}

// FuzzSearch checks that no query string makes the backend fail with
// anything but InvalidArgument (e.g. an FTS5 syntax error).
func FuzzSearch(f *testing.F) {
	for _, s := range []string{"list", `"a" OR b*`, "NEAR(a b)", "{name}:x", "a AND", "ccan/str/hex", "_%"} {
		f.Add(s)
	}
	s := newStoreF(f)
	f.Fuzz(func(t *testing.T, q string) {
		if _, err := s.Search(context.Background(), q, 5); err != nil && len(q) <= store.MaxQueryLen {
			t.Fatalf("Search(%q): %v", q, err)
		}
	})
}

func newStoreF(f *testing.F) store.Store {
	s, err := Open(context.Background(), filepath.Join(f.TempDir(), "ccan.db"))
	if err != nil {
		f.Fatal(err)
	}
	f.Cleanup(func() { s.Close() })
	if err := s.InsertModuleVersion(context.Background(), storetest.Module("list", "1")); err != nil {
		f.Fatal(err)
	}
	return s
}
