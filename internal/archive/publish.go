package archive

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/ccan-archive/ccan/internal/module"
	"github.com/ccan-archive/ccan/internal/store"
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
// with its .tar.gz and .tar.bz2 made as importing a junkcode/ directory
// makes them (newJunk); extra files (a lint report) are added as given.
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
	slices.SortFunc(files, func(a, b diskFile) int { return strings.Compare(a.Path, b.Path) })
	if len(files) == 0 {
		return nil, fmt.Errorf("junkcode %s: no files", name)
	}
	j, blobs, err := im.newJunk(name, "junkcode/"+name+"/", "", files)
	if err != nil {
		return nil, err
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
