package configure

import (
	"context"
	"errors"
	"os"
	"time"

	"github.com/ccan-archive/ccan/internal/runner"
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

// runProc runs argv in dir with LC_ALL=C through the shared runner, which
// kills the whole process group when timeout expires and caps the output.
// It returns an error only when the process could not be started or ctx
// itself was cancelled; a non-zero exit, a crash or a timeout are
// reported in procResult.
func runProc(ctx context.Context, timeout time.Duration, dir string, argv []string) (procResult, error) {
	r, err := runner.Run(ctx, runner.Cmd{
		Args: argv, Dir: dir, Env: append(os.Environ(), "LC_ALL=C"),
		Timeout: timeout, MaxOutput: maxOutput,
	})
	if r == nil {
		return procResult{ExitCode: -1}, err
	}
	res := procResult{Output: r.Output, Success: r.OK(), ExitCode: r.ExitCode}
	if ctx.Err() != nil {
		return res, ctx.Err()
	}
	if errors.Is(err, runner.ErrTimeout) {
		res.TimedOut, res.Success = true, false
		return res, nil
	}
	return res, err
}
