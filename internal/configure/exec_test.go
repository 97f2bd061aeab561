package configure

import (
	"context"
	"os/exec"
	"testing"
	"time"
)

func TestRunProc(t *testing.T) {
	if _, err := exec.LookPath("sh"); err != nil {
		t.Skip("no sh")
	}
	tests := []struct {
		name     string
		script   string
		want     procResult
		maxTaken time.Duration
	}{
		{"success", "echo hi; echo there >&2", procResult{Output: []byte("hi\nthere\n"), Success: true, ExitCode: 0}, 10 * time.Second},
		{"failure", "exit 3", procResult{ExitCode: 3}, 10 * time.Second},
		{"crash", "kill -SEGV $$", procResult{ExitCode: -1}, 10 * time.Second},
		// The background sleep keeps the output pipe open: only killing
		// the whole process group ends this quickly.
		{"timeout kills the group", "sleep 30 & sleep 30", procResult{TimedOut: true, ExitCode: -1}, 5 * time.Second},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			start := time.Now()
			got, err := runProc(context.Background(), 500*time.Millisecond, "", []string{"sh", "-c", tc.script})
			if err != nil {
				t.Fatalf("runProc: %v", err)
			}
			if taken := time.Since(start); taken > tc.maxTaken {
				t.Errorf("took %v, want under %v", taken, tc.maxTaken)
			}
			if string(got.Output) != string(tc.want.Output) || got.Success != tc.want.Success ||
				got.TimedOut != tc.want.TimedOut || got.ExitCode != tc.want.ExitCode {
				t.Errorf("runProc = %+v, want %+v", got, tc.want)
			}
		})
	}
}

func TestOutputCapped(t *testing.T) {
	got, err := runProc(context.Background(), 10*time.Second, "", []string{"sh", "-c", "yes flood | head -c 3000000"})
	if err != nil {
		t.Fatalf("runProc: %v", err)
	}
	if len(got.Output) != maxOutput || !got.Success {
		t.Errorf("kept %d bytes (success %v), want %d", len(got.Output), got.Success, maxOutput)
	}
}
