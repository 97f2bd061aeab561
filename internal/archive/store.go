package archive

import (
	"bytes"
	"context"
	"sort"

	"github.com/ccan-archive/ccan/internal/module"
	"github.com/ccan-archive/ccan/internal/store"
)

// store writes b's blobs, then its row in one transaction. If the row
// cannot be written, the blobs this call created are deleted again
// (blobs that existed before may belong to other versions and stay).
func (im *Importer) store(ctx context.Context, b *built) error {
	created, err := im.putBlobs(ctx, b.blobs)
	if err == nil {
		err = im.Store.InsertModuleVersion(ctx, b.mv)
	}
	if err != nil {
		for _, key := range created {
			if derr := im.Blobs.Delete(context.WithoutCancel(ctx), key); derr != nil {
				im.log().Error("deleting blob after failed insert", "key", key, "err", derr)
			}
		}
	}
	return err
}

// putBlobs stores blobs in key order and returns the keys it created.
func (im *Importer) putBlobs(ctx context.Context, blobs map[string][]byte) ([]string, error) {
	keys := make([]string, 0, len(blobs))
	for k := range blobs {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var created []string
	for _, k := range keys {
		info, err := im.Blobs.Put(ctx, bytes.NewReader(blobs[k]))
		if err != nil {
			return created, err
		}
		if info.Created {
			created = append(created, k)
		}
	}
	return created, nil
}

// lint runs the Lint hook, if any, and stores its result.
func (im *Importer) lint(ctx context.Context, m *module.Module, mv *store.ModuleVersion) {
	if im.Lint == nil {
		return
	}
	res, err := im.Lint(ctx, m)
	if err == nil {
		err = im.Store.SetLint(ctx, mv.Name, mv.Version, res)
	}
	if err != nil {
		im.log().Warn("lint failed", "module", mv.Name, "version", mv.Version, "err", err)
	}
}
