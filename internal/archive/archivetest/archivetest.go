// Package archivetest gives tests a fresh embedded archive: a SQLite
// store and a blob folder in the test's temporary directory, empty or
// with the repository's starter archive imported.
package archivetest

import (
	"context"
	"log/slog"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/ccan-archive/ccan/internal/archive"
	"github.com/ccan-archive/ccan/internal/blob/fsblob"
	"github.com/ccan-archive/ccan/internal/module"
	"github.com/ccan-archive/ccan/internal/store/sqlite"
)

// Open returns an empty store and blob store in t's temporary
// directory; the store is closed when t ends.
func Open(t testing.TB) (*sqlite.Store, *fsblob.Store) {
	t.Helper()
	dir := t.TempDir()
	st, err := sqlite.Open(context.Background(), filepath.Join(dir, "ccan.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	bs, err := fsblob.New(filepath.Join(dir, "blobs"))
	if err != nil {
		t.Fatal(err)
	}
	return st, bs
}

// Starter returns Open's stores with the starter archive (the
// repository's modules/ tree, which it also returns) imported, unlinted.
func Starter(t testing.TB) (*sqlite.Store, *fsblob.Store, *module.Tree) {
	t.Helper()
	st, bs := Open(t)
	tr, err := module.FindTree(filepath.Join(RepoRoot(), "modules"))
	if err != nil {
		t.Fatal(err)
	}
	im := &archive.Importer{Store: st, Blobs: bs, Log: slog.New(slog.DiscardHandler)}
	if _, err := im.ImportTree(context.Background(), tr); err != nil {
		t.Fatal(err)
	}
	return st, bs, tr
}

// RepoRoot returns the repository's top directory.
func RepoRoot() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..", "..")
}
