package runner

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

func TestExitCodeAndOutput(t *testing.T) {
	r, err := Run(context.Background(), Cmd{Args: []string{"sh", "-c", "echo out; echo err >&2; exit 3"}})
	if err != nil {
		t.Fatal(err)
	}
	if r.ExitCode != 3 || r.OK() || !strings.Contains(string(r.Output), "out") || !strings.Contains(string(r.Output), "err") {
		t.Errorf("got exit %d output %q", r.ExitCode, r.Output)
	}
}

// TestTimeoutKillsTheGroup: a program that hangs, with a child that
// would outlive it, is killed with its whole process group.
func TestTimeoutKillsTheGroup(t *testing.T) {
	pidFile := filepath.Join(t.TempDir(), "child")
	start := time.Now()
	r, err := Run(context.Background(), Cmd{
		Args:    []string{"sh", "-c", "sleep 60 & echo $! > " + pidFile + "; wait"},
		Timeout: 300 * time.Millisecond,
	})
	if !errors.Is(err, ErrTimeout) || r == nil || !r.TimedOut {
		t.Fatalf("err = %v, result %+v; want a timeout", err, r)
	}
	if d := time.Since(start); d > 10*time.Second {
		t.Errorf("took %v to stop", d)
	}
	b, err := os.ReadFile(pidFile)
	if err != nil {
		t.Fatal(err)
	}
	pid, err := strconv.Atoi(strings.TrimSpace(string(b)))
	if err != nil {
		t.Fatal(err)
	}
	// The background child must be gone (or a zombie about to be reaped).
	deadline := time.Now().Add(5 * time.Second)
	for time.Now().Before(deadline) {
		if err := syscall.Kill(pid, 0); err != nil {
			return
		}
		if st, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat"); err == nil && strings.Contains(string(st), ") Z ") {
			return
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Errorf("child %d still running after the timeout", pid)
}

// TestOutputFloodIsCapped: a program that writes without end is not
// buffered without bound.
func TestOutputFloodIsCapped(t *testing.T) {
	r, err := Run(context.Background(), Cmd{
		Args: []string{"sh", "-c", "yes flood | head -c 10000000"}, MaxOutput: 1 << 16,
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Output) != 1<<16 || !r.Truncated {
		t.Errorf("kept %d bytes, truncated=%v; want %d and true", len(r.Output), r.Truncated, 1<<16)
	}
}

func TestMissingProgram(t *testing.T) {
	if _, err := Run(context.Background(), Cmd{Args: []string{"/no/such/program"}}); err == nil {
		t.Error("want an error for a missing program")
	}
	if _, err := Run(context.Background(), Cmd{}); err == nil {
		t.Error("want an error for an empty command")
	}
}
