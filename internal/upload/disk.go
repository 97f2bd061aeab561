package upload

import (
	"context"
	"fmt"
	"io/fs"
	"path/filepath"
	"syscall"
	"time"
)

// Defaults of what a job's scratch directory may hold while its checks
// run (WorkerConfig.MaxScratch, MaxScratchFiles, ScratchPoll).
const (
	DefaultMaxScratch      = 1 << 30
	DefaultMaxScratchFiles = 100_000
	DefaultScratchPoll     = 100 * time.Millisecond
)

// scratchFull is why a job was stopped: its scratch directory grew past
// a limit. The sandbox caps each file's size (RLIMIT_FSIZE), not how
// many files a test writes, so without this a test could fill the disk
// the scratch directory is on.
type scratchFull struct {
	what string // "more than 1 GiB", "more than 100000 files"
}

func (e *scratchFull) Error() string {
	return fmt.Sprintf("the checks wrote %s to their scratch directory (a test that fills the disk?): stopped", e.what)
}

// usage is what a directory tree holds: bytes of disk blocks (so a
// sparse file counts for what it really takes) and entries.
type usage struct {
	bytes int64
	files int
}

// measure walks dir, stopping early once it has seen more than
// maxFiles entries. Entries that vanish during the walk (the checks are
// running) are skipped.
func measure(dir string, maxFiles int) usage {
	var u usage
	filepath.WalkDir(dir, func(_ string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		u.files++
		if u.files > maxFiles {
			return filepath.SkipAll
		}
		if fi, err := d.Info(); err == nil {
			if st, ok := fi.Sys().(*syscall.Stat_t); ok {
				u.bytes += st.Blocks * 512
			} else {
				u.bytes += fi.Size()
			}
		}
		return nil
	})
	return u
}

// watchScratch measures dir every poll until ctx is done, and calls
// stop with a *scratchFull once it holds more than maxBytes or
// maxFiles. A writer can get past the limit by what it writes in one
// poll interval and one walk.
func watchScratch(ctx context.Context, dir string, maxBytes int64, maxFiles int, poll time.Duration, stop func(error)) {
	t := time.NewTicker(poll)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		u := measure(dir, maxFiles)
		switch {
		case u.files > maxFiles:
			stop(&scratchFull{what: fmt.Sprintf("more than %d files", maxFiles)})
			return
		case u.bytes > maxBytes:
			stop(&scratchFull{what: "more than " + sizeText(maxBytes)})
			return
		}
	}
}

// sizeText writes n bytes as "1 GiB", "64 MiB" or "4096 bytes".
func sizeText(n int64) string {
	switch {
	case n >= 1<<30 && n%(1<<30) == 0:
		return fmt.Sprintf("%d GiB", n>>30)
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MiB", n>>20)
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%d KiB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}
