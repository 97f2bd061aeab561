package fetch

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"path"
	"strings"
	"sync"

	"github.com/ccan-archive/ccan/internal/derrors"
	"github.com/ccan-archive/ccan/internal/tarball"
)

// ErrChecksum marks a download whose bytes are not what the index (or
// the lock file) promised.
var ErrChecksum = errors.New("checksum mismatch")

// Progress receives download progress: bytes done of total for a
// module; done == total once it is complete and verified. It may be
// called from several goroutines at once.
type Progress func(name string, done, total int64)

// Download fetches module name's tarball tb from src, checks its size
// and SHA-256, and reads it with the safe tarball reader. Every file
// must lie under ccan/NAME/ (outside nested modules) or be a license
// text licenses/X; symlinks must point to those places too.
func Download(ctx context.Context, src Source, name string, tb *Tarball, progress Progress) ([]tarball.Entry, error) {
	if err := tb.Check(); err != nil {
		return nil, err
	}
	rc, err := src.Open(ctx, name, tb)
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	h := sha256.New()
	var buf bytes.Buffer
	cr := &countingReader{r: io.LimitReader(rc, tb.Size+1), name: name, total: tb.Size, progress: progress}
	if _, err := io.Copy(io.MultiWriter(&buf, h), cr); err != nil {
		return nil, fmt.Errorf("downloading %s: %w", tb.Name, err)
	}
	if got := hex.EncodeToString(h.Sum(nil)); int64(buf.Len()) != tb.Size || got != tb.SHA256 {
		return nil, fmt.Errorf("%s of ccan/%s from %s: %w: got %d bytes with sha256 %s, want %d bytes with sha256 %s",
			tb.Name, name, src, ErrChecksum, buf.Len(), got, tb.Size, tb.SHA256)
	}
	entries, err := tarball.Read(&buf, tarball.DefaultLimits)
	if err != nil {
		return nil, fmt.Errorf("%s of ccan/%s: %w", tb.Name, name, err)
	}
	if err := CheckContent(name, entries); err != nil {
		return nil, err
	}
	if progress != nil {
		progress(name, tb.Size, tb.Size)
	}
	return entries, nil
}

// CheckContent checks that a module tarball holds only the module's own
// files and license texts.
func CheckContent(name string, entries []tarball.Entry) error {
	prefix := "ccan/" + name + "/"
	hasInfo := false
	links := map[string]bool{}
	for _, e := range entries {
		if e.Link != "" {
			links[e.Name] = true
		}
	}
	for _, e := range entries {
		if err := checkPlace(prefix, e.Name); err != nil {
			return fmt.Errorf("tarball of ccan/%s: %w", name, err)
		}
		for d := path.Dir(e.Name); d != "."; d = path.Dir(d) {
			if links[d] {
				return derrors.Errorf(derrors.BadModule, "tarball of ccan/%s: %s lies below the symlink %s", name, e.Name, d)
			}
		}
		if e.Link != "" && strings.HasPrefix(e.Name, "licenses/") {
			return derrors.Errorf(derrors.BadModule, "tarball of ccan/%s: license text %s is a symlink", name, e.Name)
		}
		if e.Link != "" {
			if err := checkPlace(prefix, path.Join(path.Dir(e.Name), e.Link)); err != nil {
				return fmt.Errorf("tarball of ccan/%s: symlink %s: %w", name, e.Name, err)
			}
		}
		if rest, ok := strings.CutPrefix(e.Name, prefix); ok {
			if rest == "_info" {
				hasInfo = true
			} else if strings.HasSuffix(rest, "/_info") {
				return derrors.Errorf(derrors.BadModule, "tarball of ccan/%s holds the nested module %s", name, path.Dir(e.Name))
			}
		}
	}
	if !hasInfo {
		return derrors.Errorf(derrors.BadModule, "tarball of ccan/%s has no %s_info", name, prefix)
	}
	return nil
}

func checkPlace(prefix, p string) error {
	if strings.HasPrefix(p, prefix) {
		return nil
	}
	if rest, ok := strings.CutPrefix(p, "licenses/"); ok && rest != "" && !strings.Contains(rest, "/") {
		return nil
	}
	return derrors.Errorf(derrors.BadModule, "%s is outside %s and licenses/", p, prefix)
}

type countingReader struct {
	r        io.Reader
	name     string
	n, total int64
	progress Progress
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	if c.progress != nil && n > 0 && c.n < c.total {
		c.progress(c.name, c.n, c.total)
	}
	return n, err
}

// Job is one download of DownloadAll.
type Job struct {
	Name    string
	Tarball *Tarball
}

// DownloadAll downloads jobs with up to 4 at a time and returns their
// entries by module name; the first failure cancels the rest.
func DownloadAll(ctx context.Context, src Source, jobs []Job, progress Progress) (map[string][]tarball.Entry, error) {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var (
		mu    sync.Mutex
		out   = make(map[string][]tarball.Entry, len(jobs))
		first error
		wg    sync.WaitGroup
	)
	slots := make(chan struct{}, 4)
	for _, j := range jobs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			select {
			case slots <- struct{}{}:
			case <-ctx.Done():
				return
			}
			defer func() { <-slots }()
			es, err := Download(ctx, src, j.Name, j.Tarball, progress)
			mu.Lock()
			defer mu.Unlock()
			if err != nil && first == nil {
				first = err
				cancel()
			}
			out[j.Name] = es
		}()
	}
	wg.Wait()
	if first != nil {
		return nil, first
	}
	return out, ctx.Err()
}
