package main

import (
	"bufio"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"

	"github.com/ccan-archive/ccan/internal/cli"
	"github.com/ccan-archive/ccan/internal/export"
	"github.com/ccan-archive/ccan/internal/lint/linttest"
	"github.com/rogpeppe/go-internal/testscript"
)

// TestMain lets the test binary run as the ccan command inside scripts.
func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){"ccan": main})
}

// TestScripts runs the end-to-end scripts in testdata/script: a real
// "ccan serve" on loopback, real projects, the real C compiler.
//
// Commands added for the scripts:
//
//	serve DATA          start "ccan serve" (in-process, port 0) over DATA with
//	                    the starter archive; sets $ARCHIVE to its URL
//	stopserve           stop it (also done at the end of the script)
//	tamper-blob NAME    corrupt, in the server's blob store, the newest
//	                    tarball of module NAME (same size, other bytes)
//	tamper-export DIR NAME  the same in a static export
//	snapshot DIR        print every file under DIR with its sha256 (or link)
func TestScripts(t *testing.T) {
	_, file, _, _ := runtime.Caller(0)
	starter := filepath.Join(filepath.Dir(file), "..", "..", "modules")
	if os.Getenv("CCAN_TEST_MUST") != "" {
		for _, tool := range []string{"cc", "ls", "cp"} {
			if _, err := exec.LookPath(tool); err != nil {
				t.Fatalf("%s is required with CCAN_TEST_MUST set (the scripts would skip): %v", tool, err)
			}
		}
	}
	testscript.Run(t, testscript.Params{
		Dir: filepath.Join("testdata", "script"),
		Setup: func(e *testscript.Env) error {
			e.Setenv("CCAN_CACHE", linttest.CacheDir())
			e.Setenv("STARTER", starter)
			e.Setenv("CCAN_CONFIG", filepath.Join(e.WorkDir, "no-config.json"))
			e.Values[stateKey{}] = &scriptState{}
			return nil
		},
		Cmds: map[string]func(*testscript.TestScript, bool, []string){
			"serve":         cmdScriptServe,
			"stopserve":     func(ts *testscript.TestScript, neg bool, args []string) { state(ts).stop(ts) },
			"tamper-blob":   cmdTamperBlob,
			"tamper-export": cmdTamperExport,
			"snapshot":      cmdSnapshot,
		},
	})
}

type stateKey struct{}

// scriptState is a script's running server.
type scriptState struct {
	cancel context.CancelFunc
	done   chan int
	data   string
	logs   *syncBuffer
}

func state(ts *testscript.TestScript) *scriptState { return ts.Value(stateKey{}).(*scriptState) }

func (s *scriptState) stop(ts *testscript.TestScript) {
	if s.cancel == nil {
		return
	}
	s.cancel()
	if code := <-s.done; code != 0 {
		ts.Logf("ccan serve exited %d:\n%s", code, s.logs.String())
	}
	s.cancel = nil
}

func cmdScriptServe(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 1 {
		ts.Fatalf("usage: serve DATADIR")
	}
	s := state(ts)
	s.data, s.logs = ts.MkAbs(args[0]), &syncBuffer{}
	ctx, cancel := context.WithCancel(context.Background())
	s.cancel, s.done = cancel, make(chan int, 1)
	pr, pw := io.Pipe()
	env := &cli.Env{Stdout: pw, Stderr: s.logs, Stdin: strings.NewReader(""), Dir: ts.Getenv("WORK"), Getenv: ts.Getenv}
	go func() {
		s.done <- app().Main(ctx, env, []string{"serve", "--data", s.data, "--addr", "127.0.0.1:0",
			"--no-lint", "--starter", ts.Getenv("STARTER")})
		pw.Close()
	}()
	ts.Defer(func() { s.stop(ts) })
	r := bufio.NewReader(pr)
	line, err := r.ReadString('\n')
	go io.Copy(io.Discard, r)
	url, ok := strings.CutPrefix(strings.TrimSpace(line), "serving the archive on ")
	if err != nil || !ok {
		ts.Fatalf("ccan serve did not start: %q %v\n%s", line, err, s.logs.String())
	}
	ts.Setenv("ARCHIVE", strings.TrimSuffix(url, "/"))
	ts.Logf("ccan serve on %s", url)
}

// newestTarball reads module name's index and returns its newest plain
// tarball's sha256 and name.
func newestTarball(ts *testscript.TestScript, index []byte) (sha, name string) {
	lines := strings.Split(strings.TrimSpace(string(index)), "\n")
	var e struct {
		Tarball struct{ SHA256, Name string } `json:"tarball"`
	}
	if err := json.Unmarshal([]byte(lines[len(lines)-1]), &e); err != nil || e.Tarball.SHA256 == "" {
		ts.Fatalf("index: %v\n%s", err, index)
	}
	return e.Tarball.SHA256, e.Tarball.Name
}

func cmdTamperBlob(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 1 {
		ts.Fatalf("usage: tamper-blob NAME")
	}
	resp, err := http.Get(ts.Getenv("ARCHIVE") + "/index/" + args[0])
	ts.Check(err)
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	ts.Check(err)
	sha, _ := newestTarball(ts, b)
	flipByte(ts, filepath.Join(state(ts).data, "blobs", sha[:2], sha))
}

func cmdTamperExport(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 2 {
		ts.Fatalf("usage: tamper-export DIR NAME")
	}
	dir := ts.MkAbs(args[0])
	b, err := export.ReadFile(dir, "/index/"+args[1], 1<<20)
	ts.Check(err)
	sha, name := newestTarball(ts, b)
	flipByte(ts, filepath.Join(dir, "download", sha, name))
}

// flipByte changes the middle byte of a file, keeping its size.
func flipByte(ts *testscript.TestScript, path string) {
	b, err := os.ReadFile(path)
	ts.Check(err)
	b[len(b)/2] ^= 0x55
	ts.Check(os.WriteFile(path, b, 0o644))
}

func cmdSnapshot(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 1 {
		ts.Fatalf("usage: snapshot DIR")
	}
	root := ts.MkAbs(args[0])
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || p == root {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		switch {
		case d.Type()&fs.ModeSymlink != 0:
			l, _ := os.Readlink(p)
			fmt.Fprintf(ts.Stdout(), "%s -> %s\n", rel, l)
		case d.IsDir():
			fmt.Fprintf(ts.Stdout(), "%s/\n", rel)
		default:
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			sum := sha256.Sum256(b)
			fmt.Fprintf(ts.Stdout(), "%s %s\n", rel, hex.EncodeToString(sum[:8]))
		}
		return nil
	})
	ts.Check(err)
}

type syncBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}
