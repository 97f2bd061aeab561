package upload

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ccan-archive/ccan/internal/lint"
	"github.com/ccan-archive/ccan/internal/lint/driver"
	"github.com/ccan-archive/ccan/internal/store"
	"github.com/ccan-archive/ccan/internal/upload/uploadtest"
)

// watch runs watchScratch on dir until it stops or a second passes.
func watch(dir string, maxBytes int64, maxFiles int) error {
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	var got error
	watchScratch(ctx, dir, maxBytes, maxFiles, 10*time.Millisecond, func(err error) { got = err })
	return got
}

func TestWatchScratch(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "small"), make([]byte, 64<<10), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := watch(dir, 1<<20, 10); err != nil {
		t.Errorf("64 KiB in 2 entries, caps 1 MiB and 10: stopped: %v", err)
	}
	if err := os.WriteFile(filepath.Join(dir, "big"), make([]byte, 2<<20), 0o644); err != nil {
		t.Fatal(err)
	}
	var full *scratchFull
	if err := watch(dir, 1<<20, 10); !errors.As(err, &full) || !strings.Contains(err.Error(), "more than 1 MiB") {
		t.Errorf("2 MiB past a 1 MiB cap: %v", err)
	}
	for i := range 20 {
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprint(i)), nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := watch(dir, 1<<30, 10); !errors.As(err, &full) || !strings.Contains(err.Error(), "more than 10 files") {
		t.Errorf("23 entries past a cap of 10: %v", err)
	}
}

// TestSparseFileCounts: a sparse file counts for the blocks it holds,
// not its length.
func TestSparseFileCounts(t *testing.T) {
	dir := t.TempDir()
	f, err := os.Create(filepath.Join(dir, "sparse"))
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(1 << 30); err != nil {
		t.Fatal(err)
	}
	f.Close()
	if u := measure(dir, 100); u.bytes > 1<<20 || u.files != 2 {
		t.Errorf("a 1 GiB hole measures %d bytes in %d entries", u.bytes, u.files)
	}
}

// TestScratchCap uploads a module whose test writes 48 MiB with the
// scratch capped at 8 MiB: the checks are stopped and the upload is
// rejected with the reason. (Unconfined, like the other tests here; the
// sandboxed disk-filling upload is in hostiletest.)
func TestScratchCap(t *testing.T) {
	e := newEnv(t)
	w := e.svc.NewWorker(WorkerConfig{Scratch: e.scratch, Checker: e.w.cfg.Checker,
		MaxScratch: 8 << 20, ScratchPoll: 10 * time.Millisecond})
	es := uploadtest.Module("filler", uploadtest.Options{})
	for i := range es {
		if strings.HasSuffix(es[i].Name, "test/run.c") {
			es[i].Data = []byte(fillerTest)
		}
	}
	up, err := e.svc.Submit(ctx, e.alice.ID, e.alice.Name, []File{{Name: "filler.tar.gz", R: strings.NewReader(string(uploadtest.Tarball(t, es)))}})
	if err != nil {
		t.Fatal(err)
	}
	e.w = w
	u := e.finish(t, up.ID)
	wantStatus(t, u, store.UploadRejected, "wrote more than 8 MiB to their scratch directory")
	if ents, _ := os.ReadDir(e.scratch); len(ents) != 0 {
		t.Errorf("scratch directories left: %v", ents)
	}
}

// fillerTest writes 48 files of 1 MiB, slowly enough for the watcher
// to see the cap passed before the end.
const fillerTest = `#include <stdio.h>
#include <string.h>
#include <unistd.h>

int main(void)
{
	static char buf[1 << 20];
	char name[32];

	memset(buf, 'x', sizeof(buf));
	for (int i = 0; i < 48; i++) {
		FILE *f;

		snprintf(name, sizeof(name), "fill%02d", i);
		f = fopen(name, "w");
		if (!f)
			return 1;
		fwrite(buf, 1, sizeof(buf), f);
		fclose(f);
		usleep(100000);
	}
	return 0;
}
`

func TestCut(t *testing.T) {
	for _, tc := range []struct {
		s          string
		head, tail int
		want       string
	}{
		{"short", 10, 10, "short"},
		{"0123456789abcdef", 4, 0, "0123..."},
		{"0123456789abcdef", 4, 2, "0123\n[... 10 bytes left out ...]\nef"},
		// Never inside a character: "é" is 2 bytes.
		{"aéééééz", 2, 2, "a\n[... 10 bytes left out ...]\nz"},
	} {
		if got := cut(tc.s, tc.head, tc.tail); got != tc.want {
			t.Errorf("cut(%q, %d, %d) = %q, want %q", tc.s, tc.head, tc.tail, got, tc.want)
		}
	}
}

// TestTidy: a lint result keeps bounded messages without the job's
// paths, and a compulsory failure's reason says what failed.
func TestTidy(t *testing.T) {
	job := "/var/tmp/ccan-uploads/ccan-upload-7-123"
	tree := job + "/tree"
	var many []lint.Diagnostic
	for i := range maxMessages + 10 {
		many = append(many, lint.Diagnostic{File: "test/run.c", Message: fmt.Sprint("message ", i)})
	}
	mr := &driver.ModuleResult{CompulsoryFailed: "Module's CCAN dependencies can be found", Checks: []*driver.CheckResult{
		{Key: "tests_pass", Title: "Module's run and api tests pass", Diagnostics: []lint.Diagnostic{
			{File: "test/run.c", Message: strings.Repeat("flood ", 1<<20) + "\n(timed out)"}}},
		{Key: "tests_compile", Diagnostics: many},
		{Key: "depends_exist", Title: "Module's CCAN dependencies can be found", Diagnostics: []lint.Diagnostic{
			{Message: "Could not extract dependencies: running ccan/x/_info depends: " + job + "/work/info-run/info depends: timed out after 8s\nmore"}}},
	}}
	tidy(mr, tree, job)
	flood := mr.Checks[0].Diagnostics[0].Message
	if len(flood) > maxMessage+100 || !strings.HasPrefix(flood, "flood flood") || !strings.HasSuffix(flood, "(timed out)") ||
		!strings.Contains(flood, "bytes left out") {
		t.Errorf("a 6 MiB message became %d bytes: %.60q ... %.60q", len(flood), flood, flood[len(flood)-60:])
	}
	if d := mr.Checks[1].Diagnostics; len(d) != maxMessages || d[len(d)-1].Message != "[11 more messages left out]" {
		t.Errorf("%d messages, last %q", len(d), d[len(d)-1].Message)
	}
	ok, why := publishable(mr)
	want := "a compulsory check failed: Module's CCAN dependencies can be found: Could not extract dependencies: " +
		"running ccan/x/_info depends: $SCRATCH/work/info-run/info depends: timed out after 8s"
	if ok || why != want {
		t.Errorf("publishable = %v, %q\nwant false, %q", ok, why, want)
	}
}
