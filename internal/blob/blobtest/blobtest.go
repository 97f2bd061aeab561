// Package blobtest is the compliance suite every blob.Store must pass:
// each implementation's tests call Run with a constructor of empty stores.
package blobtest

import (
	"bytes"
	"context"
	"errors"
	"io"
	"io/fs"
	"strings"
	"sync"
	"testing"

	"github.com/ccan-archive/ccan/internal/blob"
	"github.com/ccan-archive/ccan/internal/derrors"
)

// Run runs the suite; newStore must return an empty store each call.
func Run(t *testing.T, newStore func(t *testing.T) blob.Store) {
	tests := []struct {
		name string
		fn   func(*testing.T, blob.Store)
	}{
		{"PutGet", testPutGet},
		{"PutTwice", testPutTwice},
		{"Empty", testEmpty},
		{"Missing", testMissing},
		{"BadKeys", testBadKeys},
		{"Delete", testDelete},
		{"Seek", testSeek},
		{"Concurrent", testConcurrent},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { tt.fn(t, newStore(t)) })
	}
}

func put(t *testing.T, s blob.Store, data string) blob.Info {
	t.Helper()
	info, err := s.Put(context.Background(), strings.NewReader(data))
	if err != nil {
		t.Fatalf("Put(%q): %v", data, err)
	}
	return info
}

func get(t *testing.T, s blob.Store, key string) []byte {
	t.Helper()
	o, err := s.Get(context.Background(), key)
	if err != nil {
		t.Fatalf("Get(%s): %v", key, err)
	}
	defer o.Close()
	b, err := io.ReadAll(o)
	if err != nil {
		t.Fatal(err)
	}
	if o.Info().Size != int64(len(b)) || o.Info().Key != key {
		t.Errorf("Get(%s).Info() = %+v, want key %s size %d", key, o.Info(), key, len(b))
	}
	return b
}

func testPutGet(t *testing.T, s blob.Store) {
	data := "hello, blob"
	info := put(t, s, data)
	if want := blob.Key([]byte(data)); info.Key != want || info.Size != int64(len(data)) || !info.Created {
		t.Errorf("Put = %+v, want key %s size %d created", info, want, len(data))
	}
	if got := get(t, s, info.Key); string(got) != data {
		t.Errorf("Get = %q, want %q", got, data)
	}
	st, err := s.Stat(context.Background(), info.Key)
	if err != nil || st.Size != int64(len(data)) || st.Key != info.Key {
		t.Errorf("Stat = %+v, %v", st, err)
	}
}

func testPutTwice(t *testing.T, s blob.Store) {
	put(t, s, "same")
	if info := put(t, s, "same"); info.Created {
		t.Errorf("second Put reported Created")
	}
}

func testEmpty(t *testing.T, s blob.Store) {
	info := put(t, s, "")
	if got := get(t, s, info.Key); len(got) != 0 {
		t.Errorf("Get(empty) = %q", got)
	}
}

func testMissing(t *testing.T, s blob.Store) {
	key := blob.Key([]byte("never stored"))
	ctx := context.Background()
	if _, err := s.Get(ctx, key); !errors.Is(err, derrors.NotFound) || !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("Get(missing) error = %v, want NotFound and fs.ErrNotExist", err)
	}
	if _, err := s.Stat(ctx, key); !errors.Is(err, derrors.NotFound) {
		t.Errorf("Stat(missing) error = %v, want NotFound", err)
	}
}

func testBadKeys(t *testing.T, s blob.Store) {
	ctx := context.Background()
	for _, key := range []string{"", "../../etc/passwd", strings.Repeat("A", 64), strings.Repeat("g", 64), "ab"} {
		if _, err := s.Get(ctx, key); !errors.Is(err, derrors.InvalidArgument) {
			t.Errorf("Get(%q) error = %v, want InvalidArgument", key, err)
		}
		if _, err := s.Stat(ctx, key); !errors.Is(err, derrors.InvalidArgument) {
			t.Errorf("Stat(%q) error = %v, want InvalidArgument", key, err)
		}
		if err := s.Delete(ctx, key); !errors.Is(err, derrors.InvalidArgument) {
			t.Errorf("Delete(%q) error = %v, want InvalidArgument", key, err)
		}
	}
}

func testDelete(t *testing.T, s blob.Store) {
	ctx := context.Background()
	info := put(t, s, "to delete")
	if err := s.Delete(ctx, info.Key); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Get(ctx, info.Key); !errors.Is(err, derrors.NotFound) {
		t.Errorf("Get after Delete: %v, want NotFound", err)
	}
	if err := s.Delete(ctx, info.Key); err != nil {
		t.Errorf("Delete(missing) = %v, want nil", err)
	}
	if info := put(t, s, "to delete"); !info.Created {
		t.Errorf("Put after Delete: Created = false")
	}
}

func testSeek(t *testing.T, s blob.Store) {
	info := put(t, s, "0123456789")
	o, err := s.Get(context.Background(), info.Key)
	if err != nil {
		t.Fatal(err)
	}
	defer o.Close()
	if _, err := o.Seek(5, io.SeekStart); err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(o)
	if string(b) != "56789" {
		t.Errorf("read after Seek(5) = %q", b)
	}
}

func testConcurrent(t *testing.T, s blob.Store) {
	data := bytes.Repeat([]byte("concurrent "), 10000)
	var wg sync.WaitGroup
	errs := make(chan error, 8)
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, err := s.Put(context.Background(), bytes.NewReader(data))
			errs <- err
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	if got := get(t, s, blob.Key(data)); !bytes.Equal(got, data) {
		t.Errorf("content differs after concurrent Puts")
	}
}
