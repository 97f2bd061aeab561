package build

import (
	"context"
	"os"
	"path/filepath"
	"testing"
)

// A process is counted under its kind; a replay from the cache runs
// nothing and restores the output.
func TestStatsByKindAndReplay(t *testing.T) {
	work := t.TempDir()
	b := NewBuilder(&Cache{Dir: t.TempDir()}, 2)
	in := filepath.Join(work, "in.txt")
	out := filepath.Join(work, "out.txt")
	if err := os.WriteFile(in, []byte("hello\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	a := &Action{
		Args: []string{"sh", "-c", "cp in.txt out.txt; i=0; while [ $i -lt 20000 ]; do i=$((i+1)); done"},
		Dir:  work, Inputs: []string{in}, Outputs: []string{out}, Work: work, Kind: "copy",
	}
	r, err := b.Do(context.Background(), a)
	if err != nil || !r.OK() || r.Cached {
		t.Fatalf("first run: %+v, %v", r, err)
	}
	if r.CPU <= 0 {
		t.Errorf("CPU time of a busy loop not measured: %v", r.CPU)
	}
	cpu := r.CPU
	os.Remove(out)
	r, err = b.Do(context.Background(), a)
	if err != nil || !r.Cached {
		t.Fatalf("second run not replayed: %+v, %v", r, err)
	}
	if got, _ := os.ReadFile(out); string(got) != "hello\n" {
		t.Errorf("restored output %q", got)
	}
	if _, err := b.Do(context.Background(), &Action{Args: []string{"true"}, Dir: work}); err != nil {
		t.Fatal(err)
	}
	kinds := b.Stats().ByKind()
	if k := kinds["copy"]; k.Processes != 1 || k.CPU != cpu {
		t.Errorf("copy: %+v", k)
	}
	if k := kinds["other"]; k.Processes != 1 {
		t.Errorf("unlabelled action: %+v", k)
	}
	if n := b.Stats().Processes.Load(); n != 2 {
		t.Errorf("%d processes, want 2", n)
	}
	if n := b.Stats().CacheHits.Load(); n != 1 {
		t.Errorf("%d cache hits, want 1", n)
	}
}
