package sqlitequeue

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/ccan-archive/ccan/internal/queue"
	"github.com/ccan-archive/ccan/internal/queue/queuetest"
	"github.com/ccan-archive/ccan/internal/store/sqlite"
)

func TestCompliance(t *testing.T) {
	queuetest.Run(t, func(t *testing.T, now func() time.Time) queue.Queue {
		q, err := Open(context.Background(), filepath.Join(t.TempDir(), "ccan.db"), Options{Now: now})
		if err != nil {
			t.Fatal(err)
		}
		return q
	})
}

// TestSharesStoreFile checks that the queue lives beside the store's
// tables in one file, each opening it in either order.
func TestSharesStoreFile(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "ccan.db")
	q, err := Open(ctx, path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer q.Close()
	st, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if _, err := q.Enqueue(ctx, queue.NewJob{Kind: "k", Key: "x"}); err != nil {
		t.Fatal(err)
	}
	if _, err := st.Counts(ctx); err != nil {
		t.Fatal(err)
	}
	q2, err := Open(ctx, path, Options{}) // a second process, say
	if err != nil {
		t.Fatal(err)
	}
	defer q2.Close()
	if j, err := q2.Claim(ctx, "k", time.Minute); err != nil || j.Key != "x" {
		t.Errorf("Claim from a second handle = %+v, %v", j, err)
	}
}
