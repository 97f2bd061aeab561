package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/ccan-archive/ccan/internal/auth"
	"github.com/ccan-archive/ccan/internal/derrors"
	"github.com/ccan-archive/ccan/internal/lint/linttest"
	"github.com/ccan-archive/ccan/internal/queue"
	"github.com/ccan-archive/ccan/internal/queue/sqlitequeue"
	"github.com/ccan-archive/ccan/internal/sandbox"
	"github.com/ccan-archive/ccan/internal/store"
	"github.com/ccan-archive/ccan/internal/store/sqlite"
	"github.com/ccan-archive/ccan/internal/tarball"
	"github.com/ccan-archive/ccan/internal/upload/uploadtest"
)

// TestServeCrashSafety kills a real "ccan serve" (SIGKILL, through the
// worker's CCAN_TEST_CRASH_AT hook) at each step of the upload
// pipeline, restarts it, and checks that the upload ends published
// exactly once: never lost, never half-visible. The upload is sent by
// a real "ccan publish". Checks run in the sandbox when it can be set
// up here (root, bubblewrap), else with --unsafe-local.
func TestServeCrashSafety(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and restarts ccan serve: not with -short")
	}
	if _, err := exec.LookPath("cc"); err != nil {
		if os.Getenv("CCAN_TEST_MUST") != "" {
			t.Fatal(err)
		}
		t.Skip("no cc")
	}
	bin := buildCCAN(t)
	data := t.TempDir()
	token := newPublisher(t, filepath.Join(data, "ccan.db"), "alice")
	flags := checkFlags(t)
	for _, step := range []string{"extracting", "checking", "publishing", "published"} {
		t.Run(step, func(t *testing.T) {
			name := "crash_" + step
			dir := writeModule(t, name)
			srv := startServe(t, bin, data, flags, "CCAN_TEST_CRASH_AT="+step)
			pub := exec.Command(bin, "publish", "--archive", srv.url, filepath.Join(dir, "ccan", name))
			pub.Env = append(os.Environ(), "CCAN_TOKEN="+token, "CCAN_CONFIG="+filepath.Join(dir, "none.json"))
			outb, err := pub.CombinedOutput()
			out := string(outb)
			if sig := srv.waitKilled(t, 3*time.Minute); sig != syscall.SIGKILL {
				t.Fatalf("ccan serve ended by %v, want SIGKILL at %s\n%s", sig, step, srv.logs.String())
			}
			// The server may die before it answers (the worker starts at
			// once): then the upload is found in the store.
			st := openStore(t, data)
			var id int64
			if m := regexp.MustCompile(`as upload (\d+)`).FindStringSubmatch(out); m != nil {
				fmt.Sscan(m[1], &id)
			} else if us, lerr := st.ListUploads(context.Background(), 1, 1); lerr == nil && len(us) == 1 &&
				us[0].Files[0].Name == name+".tar.gz" {
				id = us[0].ID
				t.Logf("ccan publish got no answer (%v): upload %d", err, id)
			} else {
				t.Fatalf("ccan publish: %v\n%s", err, out)
			}

			// Dead: what is visible now is all or nothing.
			u, err := st.GetUpload(context.Background(), id)
			if err != nil {
				t.Fatal(err)
			}
			_, merr := st.GetModule(context.Background(), name, "")
			switch step {
			case "published":
				if u.Status != store.UploadPublished || merr != nil {
					t.Errorf("killed after publishing: upload %s, module %v; want both there", u.Status, merr)
				}
			default:
				if store.UploadFinal(u.Status) || !errors.Is(merr, derrors.NotFound) {
					t.Errorf("killed at %s: upload %s, module %v; want unfinished and invisible", step, u.Status, merr)
				}
				if _, err := st.GetJunk(context.Background(), "alice-"+name); !errors.Is(err, derrors.NotFound) {
					t.Errorf("killed at %s: junkcode stored (%v)", step, err)
				}
			}
			st.Close()

			// Restarted: the upload is finished exactly once.
			srv = startServe(t, bin, data, flags)
			final := srv.awaitFinal(t, id, token, 4*time.Minute)
			// Killed after publishing, the job itself is finished once
			// its lease runs out.
			q, err := sqlitequeue.Open(context.Background(), filepath.Join(data, "ccan.db"), sqlitequeue.Options{})
			if err != nil {
				t.Fatal(err)
			}
			defer q.Close()
			key := fmt.Sprintf("upload/%d", id)
			for deadline := time.Now().Add(time.Minute); ; time.Sleep(200 * time.Millisecond) {
				j, err := q.Lookup(context.Background(), key)
				if err == nil && j.State == queue.StateDone {
					break
				}
				if time.Now().After(deadline) {
					t.Fatalf("job = %+v, %v; want done", j, err)
				}
			}
			srv.stop(t)
			if final.Status != store.UploadPublished || final.Module != name {
				t.Fatalf("after restart: %s (%s)\n%s", final.Status, final.Reason, final.Log)
			}
			st = openStore(t, data)
			defer st.Close()
			if vs, err := st.Versions(context.Background(), name); err != nil || len(vs) != 1 {
				t.Errorf("%s has %d versions (%v), want 1", name, len(vs), err)
			}
			mv, err := st.GetModule(context.Background(), name, "")
			if err != nil || !mv.Linted || mv.Score != mv.Total {
				t.Errorf("published %s: %+v, %v; want linted with full marks", name, mv, err)
			}
		})
	}
}

// buildCCAN builds this command into a temporary directory.
func buildCCAN(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "ccan")
	_, file, _, _ := runtime.Caller(0)
	cmd := exec.Command("go", "build", "-o", bin, ".")
	cmd.Dir = filepath.Dir(file)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// newPublisher creates a user and an API token with the publish scope
// in the database at db (creating it), as the account page would.
func newPublisher(t *testing.T, db, name string) string {
	t.Helper()
	ctx := context.Background()
	st, err := sqlite.Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	u, err := st.CreateUser(ctx, name, name+"@example.org", "not-a-real-hash")
	if err != nil {
		t.Fatal(err)
	}
	tok, prefix, hash := auth.NewToken()
	if err := st.CreateToken(ctx, &store.Token{UserID: u.ID, Name: "test", Prefix: prefix,
		Scopes: []string{store.ScopePublish}, Expires: time.Now().Add(24 * time.Hour)}, hash); err != nil {
		t.Fatal(err)
	}
	return tok
}

func openStore(t *testing.T, data string) *sqlite.Store {
	t.Helper()
	st, err := sqlite.Open(context.Background(), filepath.Join(data, "ccan.db"))
	if err != nil {
		t.Fatal(err)
	}
	return st
}

// checkFlags chooses how the server checks uploads: in the sandbox
// when one can be set up here (its scratch then outside /tmp, which the
// sandbox replaces), else --unsafe-local.
func checkFlags(t *testing.T) []string {
	t.Helper()
	sb, err := sandbox.New(sandbox.Config{Slots: 1})
	if err != nil {
		t.Logf("no sandbox (%v): checking uploads with --unsafe-local", err)
		return []string{"--unsafe-local", "--upload-scratch", t.TempDir()}
	}
	sb.Close()
	scratch, err := os.MkdirTemp("/var/tmp", "ccan-crash-test-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(scratch) })
	return []string{"--upload-scratch", scratch}
}

// writeModule writes a CCAN tree holding a complete module name.
func writeModule(t *testing.T, name string) string {
	t.Helper()
	return writeTree(t, uploadtest.Module(name, uploadtest.Options{}))
}

// writeTree writes es (files and symlinks) into a new directory.
func writeTree(t *testing.T, es []tarball.Entry) string {
	t.Helper()
	dir := t.TempDir()
	for _, e := range es {
		p := filepath.Join(dir, filepath.FromSlash(e.Name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		var err error
		if e.Link != "" {
			err = os.Symlink(e.Link, p)
		} else {
			err = os.WriteFile(p, e.Data, 0o644)
		}
		if err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// serveProc is a running "ccan serve" subprocess.
type serveProc struct {
	cmd  *exec.Cmd
	url  string
	logs *syncBuffer
	done chan struct{}
}

func startServe(t *testing.T, bin, data string, flags []string, env ...string) *serveProc {
	t.Helper()
	_, file, _, _ := runtime.Caller(0)
	args := append([]string{"serve", "--data", data, "--addr", "127.0.0.1:0", "--no-lint",
		"--starter", filepath.Join(filepath.Dir(file), "..", "..", "modules"), "--upload-lease", "2s"}, flags...)
	cmd := exec.Command(bin, args...)
	cmd.Env = append(append(os.Environ(), "CCAN_CACHE="+linttest.CacheDir()), env...)
	p := &serveProc{cmd: cmd, logs: &syncBuffer{}, done: make(chan struct{})}
	cmd.Stderr = p.logs
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() { cmd.Wait(); close(p.done) }()
	t.Cleanup(func() {
		cmd.Process.Kill()
		<-p.done
	})
	line, err := bufio.NewReader(stdout).ReadString('\n')
	url, ok := strings.CutPrefix(strings.TrimSpace(line), "serving the archive on ")
	if err != nil || !ok {
		t.Fatalf("ccan serve did not start: %q %v\n%s", line, err, p.logs.String())
	}
	p.url = strings.TrimSuffix(url, "/")
	return p
}

// waitKilled waits for the server to die and returns the signal that
// killed it (nil when it exited).
func (p *serveProc) waitKilled(t *testing.T, d time.Duration) os.Signal {
	t.Helper()
	select {
	case <-p.done:
	case <-time.After(d):
		t.Fatalf("ccan serve still running after %v\n%s", d, p.logs.String())
	}
	if ws, ok := p.cmd.ProcessState.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
		return ws.Signal()
	}
	return nil
}

// stop ends the server gracefully.
func (p *serveProc) stop(t *testing.T) {
	t.Helper()
	p.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-p.done:
	case <-time.After(30 * time.Second):
		t.Errorf("ccan serve did not stop on SIGTERM\n%s", p.logs.String())
	}
}

// awaitFinal polls the upload API until upload id is final.
func (p *serveProc) awaitFinal(t *testing.T, id int64, token string, d time.Duration) *store.Upload {
	t.Helper()
	deadline := time.Now().Add(d)
	for time.Now().Before(deadline) {
		req, _ := http.NewRequest("GET", fmt.Sprintf("%s/api/upload/%d", p.url, id), nil)
		req.Header.Set("Authorization", "Bearer "+token)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		var u store.Upload
		if err := json.Unmarshal(body, &u); err != nil || resp.StatusCode != http.StatusOK {
			t.Fatalf("GET upload %d: %d %s", id, resp.StatusCode, body)
		}
		if store.UploadFinal(u.Status) {
			return &u
		}
		time.Sleep(500 * time.Millisecond)
	}
	t.Fatalf("upload %d not final after %v\n%s", id, d, p.logs.String())
	return nil
}
