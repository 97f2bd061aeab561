package build

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/ccan-archive/ccan/internal/runner"
)

// recorder is a Run that records the commands it runs.
type recorder struct{ cmds []runner.Cmd }

func (r *recorder) run(ctx context.Context, c runner.Cmd) (*runner.Result, error) {
	r.cmds = append(r.cmds, c)
	return runner.Run(ctx, c)
}

func newTestBuilder(t *testing.T) (*Builder, *recorder) {
	t.Helper()
	b := NewBuilder(&Cache{Dir: t.TempDir()}, 1)
	rec := &recorder{}
	b.Run = rec.run
	return b, rec
}

func shAction(dir, script string, outputs ...string) *Action {
	return &Action{Args: []string{"sh", "-c", script}, Dir: dir, Outputs: outputs, Work: dir}
}

func TestRunRoutesEveryProcess(t *testing.T) {
	b, rec := newTestBuilder(t)
	work, other := t.TempDir(), t.TempDir()
	b.Expose("/some/tree")
	out := filepath.Join(other, "out")
	r, err := b.Do(context.Background(), shAction(work, "echo hi > "+out, out))
	if err != nil || !r.OK() {
		t.Fatalf("Do: %+v, %v", r, err)
	}
	if len(rec.cmds) != 1 {
		t.Fatalf("Run saw %d commands, want 1", len(rec.cmds))
	}
	c := rec.cmds[0]
	if c.Dir != work || !slices.Equal(c.Writable, []string{other}) || !slices.Equal(c.Readable, []string{"/some/tree", work}) {
		t.Errorf("Run got Dir %q Writable %q Readable %q", c.Dir, c.Writable, c.Readable)
	}
}

func TestRunKeySeparatesResults(t *testing.T) {
	b, rec := newTestBuilder(t)
	work := t.TempDir()
	out := filepath.Join(work, "out")
	do := func(key string) bool {
		t.Helper()
		b.RunKey = key
		r, err := b.Do(context.Background(), shAction(work, "echo hi > out", out))
		if err != nil || !r.OK() {
			t.Fatalf("Do: %+v, %v", r, err)
		}
		return r.Cached
	}
	if do("") || !do("") {
		t.Fatal("the cache does not work at all")
	}
	if do("sandbox limits A") {
		t.Error("a result from unconfined runs was replayed for confined ones")
	}
	if !do("sandbox limits A") || do("sandbox limits B") {
		t.Error("results are not kept per RunKey")
	}
	if len(rec.cmds) != 3 {
		t.Errorf("%d processes ran, want 3", len(rec.cmds))
	}
}

// TestHostileFilesNotFollowed: a process that leaves a symbolic link or
// a FIFO where the builder reads its output, log or dependency file
// neither leaks the link's target nor hangs the builder.
func TestHostileFilesNotFollowed(t *testing.T) {
	secretDir := t.TempDir()
	secret := filepath.Join(secretDir, "secret")
	if err := os.WriteFile(secret, []byte("SECRET"), 0o600); err != nil {
		t.Fatal(err)
	}
	b, _ := newTestBuilder(t)
	work := t.TempDir()
	out, log := filepath.Join(work, "out"), filepath.Join(work, "log")
	a := shAction(work, "ln -s "+secret+" out; ln -s "+secret+" log", out)
	a.LogFile = log
	r, err := b.Do(context.Background(), a)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(r.Log, "SECRET") {
		t.Error("the log was read through a symbolic link")
	}
	os.Remove(out)
	if r, _ := b.Do(context.Background(), a); r.Cached {
		t.Error("an output that is a symbolic link was stored in the cache")
	}
	filepath.WalkDir(b.Cache.Dir, func(p string, d os.DirEntry, err error) error {
		if data, _ := os.ReadFile(p); err == nil && strings.Contains(string(data), "SECRET") {
			t.Errorf("the cache holds the secret in %s", p)
		}
		return nil
	})

	fifo := shAction(work, "rm -f log; mkfifo log")
	fifo.LogFile = log
	done := make(chan struct{})
	go func() {
		b.Do(context.Background(), fifo)
		close(done)
	}()
	select {
	case <-done:
	case <-time.After(30 * time.Second):
		t.Fatal("a FIFO in place of the log file hangs the builder")
	}
}

// TestReplayDoesNotWriteThroughLinks: restoring a cached output or log
// where a confined process left a symbolic link replaces the link and
// leaves its target alone.
func TestReplayDoesNotWriteThroughLinks(t *testing.T) {
	victim := filepath.Join(t.TempDir(), "victim")
	if err := os.WriteFile(victim, []byte("precious"), 0o644); err != nil {
		t.Fatal(err)
	}
	b, _ := newTestBuilder(t)
	work := t.TempDir()
	out, log := filepath.Join(work, "out"), filepath.Join(work, "log")
	a := shAction(work, "echo object > out; echo log > log", out)
	a.LogFile = log
	if r, err := b.Do(context.Background(), a); err != nil || !r.OK() {
		t.Fatalf("Do: %+v, %v", r, err)
	}
	for _, p := range []string{out, log} {
		os.Remove(p)
		if err := os.Symlink(victim, p); err != nil {
			t.Fatal(err)
		}
	}
	r, err := b.Do(context.Background(), a)
	if err != nil || !r.Cached {
		t.Fatalf("want a replay, got %+v, %v", r, err)
	}
	if data, _ := os.ReadFile(victim); string(data) != "precious" {
		t.Errorf("the replay wrote through a link: victim holds %q", data)
	}
	for _, p := range []string{out, log} {
		if fi, err := os.Lstat(p); err != nil || !fi.Mode().IsRegular() {
			t.Errorf("%s was not restored as a regular file: %v", p, err)
		}
	}
}
