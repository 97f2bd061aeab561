// Package blob defines the archive's content-addressed blob store:
// tarballs and module source files are stored once under the lowercase
// hex SHA-256 of their bytes.
//
// Store is deliberately small (after gomods/athens' Backend) so that a
// filesystem store (fsblob) now and an S3 store later can share one
// compliance suite (blobtest.Run).
package blob

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"io"

	"github.com/ccan-archive/ccan/internal/derrors"
)

// Info describes a stored blob.
type Info struct {
	Key  string // lowercase hex SHA-256 of the content
	Size int64
	// Created reports whether Put stored new bytes (false when the blob
	// was already present). Only meaningful in Put's result: a caller
	// that must undo a Put deletes only blobs it created.
	Created bool
}

// Object is an open blob. ReadSeeker lets HTTP handlers serve ranges.
type Object interface {
	io.ReadSeekCloser
	Info() Info
}

// Store is a content-addressed blob store. Implementations are safe for
// concurrent use.
type Store interface {
	// Put stores the bytes read from r and returns their key and size.
	// Putting existing content is not an error (Created is then false).
	Put(ctx context.Context, r io.Reader) (Info, error)
	// Get opens the blob with the given key. A missing blob is a
	// derrors.NotFound error; a malformed key is derrors.InvalidArgument.
	Get(ctx context.Context, key string) (Object, error)
	// Stat reports a blob's size (NotFound when missing).
	Stat(ctx context.Context, key string) (Info, error)
	// Delete removes a blob. Deleting a missing blob is not an error.
	Delete(ctx context.Context, key string) error
}

// Key returns the key of content b.
func Key(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// CheckKey returns derrors.InvalidArgument unless key is 64 lowercase
// hex digits.
func CheckKey(key string) error {
	if len(key) != 64 {
		return derrors.Errorf(derrors.InvalidArgument, "blob key %.80q: not a SHA-256", key)
	}
	for i := 0; i < len(key); i++ {
		c := key[i]
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f') {
			return derrors.Errorf(derrors.InvalidArgument, "blob key %.80q: not lowercase hex", key)
		}
	}
	return nil
}
