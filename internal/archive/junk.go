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
	"github.com/ccan-archive/ccan/internal/tarball"
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
	j, blobs, err := im.newJunk(name, "", "junkcode/"+name+"/", files)
	if err != nil {
		return false, err
	}
	if old, err := im.Store.GetJunk(ctx, name); err == nil && old.Tarball.SHA256 == j.Tarball.SHA256 && old.TarballBz2 != nil {
		return false, nil
	} else if err != nil && !errors.Is(err, derrors.NotFound) {
		return false, err
	}
	if _, err := im.putBlobs(ctx, blobs); err != nil {
		return false, err
	}
	return true, im.Store.PutJunk(ctx, j)
}

// newJunk builds junkcode entry name from files: its tarballs in every
// format (entries named tarPrefix+Path, under junkcode/NAME/) and its
// file list (paths with trim taken off), with the blobs to store. Both
// the importer and uploads (BuildJunk) make entries this way.
func (im *Importer) newJunk(name, tarPrefix, trim string, files []diskFile) (*store.Junk, map[string][]byte, error) {
	tbs, err := buildAll(entries(tarPrefix, files))
	if err != nil {
		return nil, nil, err
	}
	gz := describe(store.TarballJunk, name, tarball.Gzip, tbs[tarball.Gzip])
	bz2 := describe(store.TarballJunk, name, tarball.Bzip2, tbs[tarball.Bzip2])
	j := &store.Junk{Name: name, Created: im.now(), Tarball: gz, TarballBz2: &bz2}
	blobs := map[string][]byte{gz.SHA256: tbs[tarball.Gzip], bz2.SHA256: tbs[tarball.Bzip2]}
	for _, f := range files {
		fk := blob.Key(f.Data)
		blobs[fk] = f.Data
		j.Files = append(j.Files, &store.File{Path: strings.TrimPrefix(f.Path, trim), Size: int64(len(f.Data)), SHA256: fk, Link: f.Link})
	}
	return j, blobs, nil
}

// importArchive builds the whole-tree tarball, in every format: every
// module's files, licenses/ and junkcode/, all under a top "ccan/"
// directory as the original ccan.tar.bz2 had them. Each format is
// recorded when it changed; the .tar.gz is returned.
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
	tbs, err := buildAll(entries("ccan/", files))
	if err != nil {
		return nil, err
	}
	var gz *store.Tarball
	for _, f := range tarball.Formats() {
		tb := describe(store.TarballArchive, "ccan", f, tbs[f])
		tb.Created = im.now()
		stored, err := im.storeArchive(ctx, &tb, tbs[f])
		if err != nil {
			return nil, err
		}
		if f == tarball.Gzip {
			gz = stored
		}
	}
	return gz, nil
}

// storeArchive records a whole-archive tarball unless the newest one
// of its kind has the same content; it returns the one in the store.
func (im *Importer) storeArchive(ctx context.Context, tb *store.Tarball, data []byte) (*store.Tarball, error) {
	if old, err := im.Store.Archive(ctx, tb.Kind); err == nil && old.SHA256 == tb.SHA256 {
		return old, nil
	} else if err != nil && !errors.Is(err, derrors.NotFound) {
		return nil, err
	}
	if _, err := im.putBlobs(ctx, map[string][]byte{tb.SHA256: data}); err != nil {
		return nil, err
	}
	return tb, im.Store.SetArchive(ctx, tb)
}
