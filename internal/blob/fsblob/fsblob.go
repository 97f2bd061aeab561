// Package fsblob is a blob.Store on the local filesystem: the blob with
// key "ab12..." is the file DIR/ab/ab12.... Files are written to a
// temporary name, synced and renamed into place, so a reader never sees
// a partial blob.
package fsblob

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/ccan-archive/ccan/internal/blob"
	"github.com/ccan-archive/ccan/internal/derrors"
)

// Store keeps blobs under Dir.
type Store struct {
	dir string
}

// New returns a Store rooted at dir, creating dir if needed.
func New(dir string) (*Store, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	return &Store{dir: dir}, nil
}

func (s *Store) path(key string) string { return filepath.Join(s.dir, key[:2], key) }

// Put implements blob.Store.
func (s *Store) Put(ctx context.Context, r io.Reader) (_ blob.Info, err error) {
	defer derrors.Wrap(&err, "fsblob.Put")
	tmp, err := os.CreateTemp(s.dir, ".put-*")
	if err != nil {
		return blob.Info{}, err
	}
	defer func() {
		if tmp != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	h := sha256.New()
	n, err := io.Copy(io.MultiWriter(tmp, h), ctxReader{ctx, r})
	if err != nil {
		return blob.Info{}, err
	}
	info := blob.Info{Key: hex.EncodeToString(h.Sum(nil)), Size: n}
	dst := s.path(info.Key)
	if _, err := os.Stat(dst); err == nil {
		return info, nil
	}
	if err := tmp.Sync(); err != nil {
		return blob.Info{}, err
	}
	if err := tmp.Close(); err != nil {
		return blob.Info{}, err
	}
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		return blob.Info{}, err
	}
	if err := os.Rename(tmp.Name(), dst); err != nil {
		return blob.Info{}, err
	}
	tmp = nil
	info.Created = true
	return info, nil
}

// Get implements blob.Store.
func (s *Store) Get(ctx context.Context, key string) (blob.Object, error) {
	if err := blob.CheckKey(key); err != nil {
		return nil, err
	}
	f, err := os.Open(s.path(key))
	if err != nil {
		return nil, notExist(key, err)
	}
	fi, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, err
	}
	return &object{File: f, info: blob.Info{Key: key, Size: fi.Size()}}, nil
}

// Stat implements blob.Store.
func (s *Store) Stat(ctx context.Context, key string) (blob.Info, error) {
	if err := blob.CheckKey(key); err != nil {
		return blob.Info{}, err
	}
	fi, err := os.Stat(s.path(key))
	if err != nil {
		return blob.Info{}, notExist(key, err)
	}
	return blob.Info{Key: key, Size: fi.Size()}, nil
}

// Delete implements blob.Store.
func (s *Store) Delete(ctx context.Context, key string) error {
	if err := blob.CheckKey(key); err != nil {
		return err
	}
	err := os.Remove(s.path(key))
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("fsblob.Delete(%s): %w", key, err)
	}
	return nil
}

// notExist maps only a real not-exist error to derrors.NotFound; every
// other error (permissions, I/O) stays what it is.
func notExist(key string, err error) error {
	if errors.Is(err, fs.ErrNotExist) {
		return derrors.Errorf(derrors.NotFound, "blob %s", key)
	}
	return fmt.Errorf("blob %s: %w", key, err)
}

type object struct {
	*os.File
	info blob.Info
}

func (o *object) Info() blob.Info { return o.info }

// ctxReader stops a long copy when ctx is cancelled.
type ctxReader struct {
	ctx context.Context
	r   io.Reader
}

func (c ctxReader) Read(p []byte) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, err
	}
	return c.r.Read(p)
}
