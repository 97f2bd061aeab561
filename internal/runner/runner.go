// Package runner runs external programs (compilers, compiled _info
// files, tests) with a time limit. Each program runs in its own process
// group, and the whole group is killed when the limit passes or the
// context is cancelled, so a runaway child cannot outlive its caller.
package runner

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os/exec"
	"strings"
	"syscall"
	"time"
)

// Cmd describes one program run.
type Cmd struct {
	Args    []string      // program and arguments; Args[0] is looked up in PATH
	Dir     string        // working directory ("" = current)
	Env     []string      // nil = inherit
	Stdin   io.Reader     // nil = /dev/null
	Timeout time.Duration // 0 = no limit beyond ctx
	// MaxOutput caps the bytes of combined output kept (0 = 4 MiB);
	// the rest is discarded and Result.Truncated is set.
	MaxOutput int
	// Stdout, when non-nil, receives standard output separately;
	// Result.Output then holds standard error only.
	Stdout io.Writer
	// Writable lists directories, besides Dir, that the program must be
	// able to write, and Readable directories it must be able to read
	// (the tree being built, the run's other scratch directories). Run
	// ignores both; a confining Func (internal/sandbox) makes Dir and
	// Writable the only writable places and shows the program little
	// more than the system and Readable.
	Writable []string
	Readable []string
}

// Func runs a command and waits for it, with Run's contract: a non-zero
// exit is reported in Result, an error means the program could not be
// started or was stopped by its time limit. Run is one; a sandbox's Run
// (internal/sandbox) is another.
type Func func(ctx context.Context, c Cmd) (*Result, error)

// Result is what a finished run produced.
type Result struct {
	Output    []byte // combined stdout+stderr (or stderr only, see Cmd.Stdout)
	ExitCode  int    // -1 when killed by a signal
	Signal    string // the signal that ended it, if any
	TimedOut  bool
	Truncated bool
	Elapsed   time.Duration
	// CPU is the user+system time of the process and of the children
	// it waited for.
	CPU time.Duration
}

// OK reports whether the program exited with status 0.
func (r *Result) OK() bool { return r.ExitCode == 0 && !r.TimedOut }

// ErrTimeout is wrapped by Run's error when the time limit passed.
var ErrTimeout = errors.New("timed out")

// Run runs c and waits for it. A non-zero exit is not an error: it is
// reported in Result. Run returns an error only when the program could
// not be started or was stopped by the time limit or ctx.
func Run(ctx context.Context, c Cmd) (*Result, error) {
	if len(c.Args) == 0 {
		return nil, errors.New("runner: empty command")
	}
	if c.Timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, c.Timeout)
		defer cancel()
	}
	max := c.MaxOutput
	if max <= 0 {
		max = 4 << 20
	}
	out := &capped{max: max}
	cmd := exec.Command(c.Args[0], c.Args[1:]...)
	cmd.Dir, cmd.Env, cmd.Stdin = c.Dir, c.Env, c.Stdin
	cmd.Stdout, cmd.Stderr = out, out
	if c.Stdout != nil {
		cmd.Stdout = c.Stdout
	}
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true, Pdeathsig: syscall.SIGKILL}
	start := time.Now()
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("%s: %w", c.Args[0], err)
	}
	done := make(chan struct{})
	go func() {
		select {
		case <-ctx.Done():
			syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
		case <-done:
		}
	}()
	werr := cmd.Wait()
	close(done)
	// Kill stragglers left in the group (daemonised grandchildren).
	syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
	res := &Result{Output: out.buf.Bytes(), Truncated: out.dropped, Elapsed: time.Since(start)}
	res.ExitCode = cmd.ProcessState.ExitCode()
	res.CPU = cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()
	if ws, ok := cmd.ProcessState.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
		res.Signal = ws.Signal().String()
	}
	if ctx.Err() != nil {
		res.TimedOut = true
		return res, fmt.Errorf("%s: %w after %v", strings.Join(c.Args, " "), ErrTimeout, res.Elapsed.Round(time.Millisecond))
	}
	var ee *exec.ExitError
	if werr != nil && !errors.As(werr, &ee) {
		return res, werr
	}
	return res, nil
}

type capped struct {
	buf     bytes.Buffer
	max     int
	dropped bool
}

func (c *capped) Write(p []byte) (int, error) {
	room := c.max - c.buf.Len()
	if room < len(p) {
		c.dropped = true
		if room > 0 {
			c.buf.Write(p[:room])
		}
		return len(p), nil
	}
	return c.buf.Write(p)
}
