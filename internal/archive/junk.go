package archive

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"

	"github.com/ccan-archive/ccan/internal/blob"
	"github.com/ccan-archive/ccan/internal/derrors"
	"github.com/ccan-archive/ccan/internal/store"
)

// importJunk stores every directory of the tree's junkcode/ whose
// content changed, and returns how many it stored.
func (im *Importer) importJunk(ctx context.Context, w *walker) (int, error) {
	ents, err := os.ReadDir(filepath.Join(w.root, "junkcode"))
	if errors.Is(err, os.ErrNotExist) {
		return 0, nil
	}
	if err != nil {
		return 0, err
	}
	n := 0
	for _, e := range ents {
		if !e.IsDir() || store.CheckJunkName(e.Name()) != nil {
			continue
		}
		stored, err := im.importJunkDir(ctx, w, e.Name())
		if err != nil {
			return n, err
		}
		if stored {
			n++
		}
	}
	return n, nil
}

func (im *Importer) importJunkDir(ctx context.Context, w *walker, name string) (bool, error) {
	files, warns, err := w.dir(filepath.Join("junkcode", name), false)
	if err != nil {
		return false, err
	}
	for _, warn := range warns {
		im.log().Warn("junkcode file left out", "junkcode", name, "warning", warn)
	}
	tb, err := build(entries("", files))
	if err != nil {
		return false, err
	}
	key := blob.Key(tb)
	if old, err := im.Store.GetJunk(ctx, name); err == nil && old.Tarball.SHA256 == key {
		return false, nil
	} else if err != nil && !errors.Is(err, derrors.NotFound) {
		return false, err
	}
	j := &store.Junk{Name: name, Created: im.now(),
		Tarball: store.Tarball{Kind: store.TarballJunk, Name: name + ".tar.gz", SHA256: key, Size: int64(len(tb))}}
	blobs := map[string][]byte{key: tb}
	prefix := "junkcode/" + name + "/"
	for _, f := range files {
		fk := blob.Key(f.Data)
		blobs[fk] = f.Data
		j.Files = append(j.Files, &store.File{Path: strings.TrimPrefix(f.Path, prefix), Size: int64(len(f.Data)), SHA256: fk, Link: f.Link})
	}
	if _, err := im.putBlobs(ctx, blobs); err != nil {
		return false, err
	}
	return true, im.Store.PutJunk(ctx, j)
}

// importArchive builds the whole-tree tarball: every module's files,
// licenses/ and junkcode/, all under a top "ccan/" directory as the
// original ccan.tar.bz2 had them. It is recorded when it changed.
func (im *Importer) importArchive(ctx context.Context, w *walker, names []string) (*store.Tarball, error) {
	var files []diskFile
	for _, name := range names {
		fs, err := w.module(name)
		if err != nil {
			return nil, err
		}
		files = append(files, fs...)
	}
	for _, dir := range []string{"licenses", "junkcode"} {
		if !exists(filepath.Join(w.root, dir)) {
			continue
		}
		fs, _, err := w.dir(dir, false)
		if err != nil {
			return nil, err
		}
		files = append(files, fs...)
	}
	data, err := build(entries("ccan/", files))
	if err != nil {
		return nil, err
	}
	tb := &store.Tarball{Kind: store.TarballArchive, Name: "ccan.tar.gz", SHA256: blob.Key(data), Size: int64(len(data)), Created: im.now()}
	if old, err := im.Store.Archive(ctx); err == nil && old.SHA256 == tb.SHA256 {
		return old, nil
	} else if err != nil && !errors.Is(err, derrors.NotFound) {
		return nil, err
	}
	if _, err := im.putBlobs(ctx, map[string][]byte{tb.SHA256: data}); err != nil {
		return nil, err
	}
	return tb, im.Store.SetArchive(ctx, tb)
}
