package sqlite

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/ccan-archive/ccan/internal/store/storetest"
)

func TestUploadsCompliance(t *testing.T) {
	storetest.RunUploads(t, func(t *testing.T) storetest.UploadStore {
		s, err := Open(context.Background(), filepath.Join(t.TempDir(), "ccan.db"))
		if err != nil {
			t.Fatal(err)
		}
		return s
	})
}
