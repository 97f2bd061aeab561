package archive

import (
	"context"
	"fmt"

	"github.com/ccan-archive/ccan/internal/blob"
	"github.com/ccan-archive/ccan/internal/module"
	"github.com/ccan-archive/ccan/internal/store"
	"github.com/ccan-archive/ccan/internal/tarball"
)

// Built is one module version or junkcode entry read from disk, with
// its blobs held in memory: nothing is written until PutBlobs, and the
// row is written by the caller (the upload worker publishes it together
// with the upload's status in one store transaction).
type Built struct {
	Version *store.ModuleVersion // for BuildModule
	Junk    *store.Junk          // for BuildJunk
	Module  *module.Module
	blobs   map[string][]byte
}

// BuildModule reads module name of tree t as ImportTree would (a text
// scan of _info, nothing compiled), with its file list, version and
// tarballs (the with-deps one from the dependencies present in t).
func (im *Importer) BuildModule(ctx context.Context, t *module.Tree, name string) (*Built, error) {
	b, err := im.build(ctx, t, newWalker(t.Dir), name)
	if err != nil {
		return nil, err
	}
	return &Built{Version: b.mv, Module: b.m, blobs: b.blobs}, nil
}

// BuildJunk reads every file below dir as the junkcode entry name,
// with its tarballs (as importing a junkcode/ directory makes them); extra files (a lint report) are added as given.
func (im *Importer) BuildJunk(ctx context.Context, dir, name string, extra map[string][]byte) (*Built, error) {
	if err := store.CheckJunkName(name); err != nil {
		return nil, err
	}
	files, _, err := newWalker(dir).dir(".", false)
	if err != nil {
		return nil, err
	}
	for p, data := range extra {
		files = append(files, diskFile{Path: p, Data: data})
	}
	tbs, err := buildAll(entries("junkcode/"+name+"/", files))
	if err != nil {
		return nil, err
	}
	gz := describe(store.TarballJunk, name, tarball.Gzip, tbs[tarball.Gzip])
	bz2 := describe(store.TarballJunk, name, tarball.Bzip2, tbs[tarball.Bzip2])
	j := &store.Junk{Name: name, Created: im.now(), Tarball: gz, TarballBz2: &bz2}
	blobs := map[string][]byte{gz.SHA256: tbs[tarball.Gzip], bz2.SHA256: tbs[tarball.Bzip2]}
	for _, f := range files {
		fk := blob.Key(f.Data)
		blobs[fk] = f.Data
		j.Files = append(j.Files, &store.File{Path: f.Path, Size: int64(len(f.Data)), SHA256: fk, Link: f.Link})
	}
	if len(j.Files) == 0 {
		return nil, fmt.Errorf("junkcode %s: no files", name)
	}
	return &Built{Junk: j, blobs: blobs}, nil
}

// PutBlobs stores b's files and tarballs. Blobs are content-addressed:
// until a row refers to them nobody sees them, and storing them again
// (a retried upload) changes nothing.
func (im *Importer) PutBlobs(ctx context.Context, b *Built) error {
	_, err := im.putBlobs(ctx, b.blobs)
	return err
}

// PackModule returns module name of tree t as the archive's plain
// .tar.gz of it (its files under ccan/NAME/, nested modules, hidden
// files and build products left out, plus the license texts its links
// point to), and the warnings about files left out. The bytes are
// deterministic: "ccan publish" uploads them.
func PackModule(t *module.Tree, name string) ([]byte, []string, error) {
	w := newWalker(t.Dir)
	files, err := w.module(name)
	if err != nil {
		return nil, nil, err
	}
	data, err := build(entries("", files))
	return data, w.warnings[name], err
}
