package configure

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"sync"
	"time"
)

// maxOutput caps how much of a child's combined output is kept.
const maxOutput = 1 << 20

// procResult says how a child process ended.
type procResult struct {
	Output   []byte // combined stdout and stderr, at most maxOutput bytes
	Success  bool   // exited with status 0
	TimedOut bool   // killed because the timeout expired
	ExitCode int    // exit status; -1 when killed by a signal or not started
}

// runProc runs argv in dir with LC_ALL=C, killing its whole process group
// when timeout expires. It returns an error only when the process could
// not be started or ctx itself was cancelled; a non-zero exit, a crash or
// a timeout are reported in procResult.
func runProc(ctx context.Context, timeout time.Duration, dir string, argv []string) (procResult, error) {
	cctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	cmd := exec.CommandContext(cctx, argv[0], argv[1:]...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "LC_ALL=C")
	out := &cappedBuffer{limit: maxOutput}
	cmd.Stdout = out
	cmd.Stderr = out
	cmd.WaitDelay = 2 * time.Second
	setProcessGroup(cmd)

	err := cmd.Run()
	res := procResult{Output: out.Bytes(), Success: err == nil, ExitCode: -1}
	if cmd.ProcessState != nil {
		res.ExitCode = cmd.ProcessState.ExitCode()
	}
	if ctx.Err() != nil {
		return res, ctx.Err()
	}
	if err == nil {
		return res, nil
	}
	if errors.Is(cctx.Err(), context.DeadlineExceeded) {
		res.TimedOut = true
		return res, nil
	}
	var exitErr *exec.ExitError
	if errors.As(err, &exitErr) {
		return res, nil
	}
	return res, fmt.Errorf("running %s: %w", argv[0], err)
}

// cappedBuffer keeps the first limit bytes written to it and discards
// the rest, so a runaway child cannot exhaust memory.
type cappedBuffer struct {
	mu    sync.Mutex
	limit int
	buf   []byte
}

// Write implements io.Writer; it never fails.
func (b *cappedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if room := b.limit - len(b.buf); room > 0 {
		b.buf = append(b.buf, p[:min(room, len(p))]...)
	}
	return len(p), nil
}

// Bytes returns what was kept.
func (b *cappedBuffer) Bytes() []byte {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf
}
