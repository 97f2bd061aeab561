package extract

import (
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"testing"
	"time"
)

// benchRefusal times how long Extract takes to refuse data, with a
// fresh dst each time (its removal is not timed).
func benchRefusal(b *testing.B, data []byte, name string) {
	b.ReportAllocs()
	b.ResetTimer()
	var total time.Duration
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		dst, err := os.MkdirTemp("", "extract-bench-")
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		start := time.Now()
		_, err = Extract(context.Background(), bytes.NewReader(data), name, dst, DefaultLimits())
		total += time.Since(start)
		b.StopTimer()
		var xe *Error
		if !errors.As(err, &xe) {
			b.Fatalf("err = %v, want *Error", err)
		}
		os.RemoveAll(dst)
		b.StartTimer()
	}
	b.ReportMetric(float64(total.Milliseconds())/float64(b.N), "ms/refusal")
}

// BenchmarkTinyFiles: 100,000 one-byte files in a .tar.gz are refused at
// the 10,001st (after writing 10,000).
func BenchmarkTinyFiles(b *testing.B) { benchRefusal(b, tinyTgz(b, 100000), "tiny.tar.gz") }

// BenchmarkTinyFilesZip: the same as a zip is refused from its central
// directory, before anything is written.
func BenchmarkTinyFilesZip(b *testing.B) { benchRefusal(b, tinyZip(b, 100000), "tiny.zip") }

// BenchmarkBombTarGz: a .tar.gz inflating to 1 GiB.
func BenchmarkBombTarGz(b *testing.B) { benchRefusal(b, tgzBomb(b, 1<<30, 8<<20), "bomb.tar.gz") }

// BenchmarkBombZip: a zip inflating to 1 GiB.
func BenchmarkBombZip(b *testing.B) { benchRefusal(b, zipBomb(b, 1<<30, 8<<20), "bomb.zip") }

// countingReader counts the bytes read through it.
type countingReader struct {
	r io.Reader
	n int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

// TestBombStopsEarly: a 1 GiB bomb is refused after reading a sliver of
// its compressed bytes and writing little more than the ratio's slack.
func TestBombStopsEarly(t *testing.T) {
	for _, tt := range []struct {
		name    string
		data    []byte
		maxRead int64 // compressed bytes read before the refusal
	}{
		{"bomb.tar.gz", tgzBomb(t, 1<<30, 8<<20), 64 << 10},
		{"bomb.zip", zipBomb(t, 1<<30, 8<<20), -1}, // spooled whole (it is small), inflated little
	} {
		dst := t.TempDir()
		in := &countingReader{r: bytes.NewReader(tt.data)}
		_, err := Extract(context.Background(), in, tt.name, dst, DefaultLimits())
		var xe *Error
		if !errors.As(err, &xe) {
			t.Fatalf("%s: err = %v", tt.name, err)
		}
		if tt.maxRead > 0 && in.n > tt.maxRead {
			t.Errorf("%s: read %d of %d compressed bytes before refusing", tt.name, in.n, len(tt.data))
		}
		fi, err := os.Stat(dst + "/bomb/0")
		if err != nil || fi.Size() > 2<<20 {
			t.Errorf("%s: wrote %v bytes (%v) before refusing", tt.name, fi.Size(), err)
		}
		t.Logf("%s: %d compressed bytes, read %d, wrote %d, then: %v", tt.name, len(tt.data), in.n, fi.Size(), xe)
	}
}
