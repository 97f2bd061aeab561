package main

import (
	"context"
	"flag"
	"log/slog"
	"os"
	"path/filepath"

	"github.com/ccan-archive/ccan/internal/blob"
	"github.com/ccan-archive/ccan/internal/blob/fsblob"
	"github.com/ccan-archive/ccan/internal/cli"
	"github.com/ccan-archive/ccan/internal/store"
	"github.com/ccan-archive/ccan/internal/store/sqlite"
)

// dataFlags declares --data, shared by serve and archive.
func dataFlags(fs *flag.FlagSet) {
	fs.String("data", "", "data directory (default $CCAN_DATA, else ./ccan-data)")
}

// dataDir resolves the data directory: --data, $CCAN_DATA, ./ccan-data.
func dataDir(env *cli.Env) string {
	dir := env.String("data")
	if dir == "" {
		dir = env.Getenv("CCAN_DATA")
	}
	if dir == "" {
		dir = "ccan-data"
	}
	if !filepath.IsAbs(dir) {
		dir = filepath.Join(env.Dir, dir)
	}
	return dir
}

// archiveData is an opened data directory: DIR/ccan.db (SQLite) and
// DIR/blobs (content-addressed files).
type archiveData struct {
	Dir   string
	Store store.Store
	Blobs blob.Store
}

func openData(ctx context.Context, dir string) (*archiveData, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	st, err := sqlite.Open(ctx, filepath.Join(dir, "ccan.db"))
	if err != nil {
		return nil, err
	}
	bs, err := fsblob.New(filepath.Join(dir, "blobs"))
	if err != nil {
		st.Close()
		return nil, err
	}
	return &archiveData{Dir: dir, Store: st, Blobs: bs}, nil
}

func (d *archiveData) Close() error { return d.Store.Close() }

// logger returns the commands' structured logger, on stderr.
func logger(env *cli.Env, verbose bool) *slog.Logger {
	level := slog.LevelWarn
	if verbose {
		level = slog.LevelInfo
	}
	return slog.New(slog.NewTextHandler(env.Stderr, &slog.HandlerOptions{Level: level}))
}
