package module

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/ccan-archive/ccan/internal/runner"
)

// Compiler answers _info questions by compiling _info as C against the
// tree's config.h and running it, as the original tools do. Compiled
// _info programs are kept in CacheDir keyed by the hash of everything that
// went into them, so asking again (in this or a later run) only runs them.
type Compiler struct {
	CC     string   // compiler command
	CFlags []string // compiler flags (from config.h's CCAN_CFLAGS)
	// IncludeDirs are searched after the tree's own directory, e.g. the
	// directory of a generated config.h for a tree that has none.
	IncludeDirs []string
	// CacheDir keeps compiled _info programs; "" uses a private temp dir.
	CacheDir string
	// Timeout bounds each compile and each run (0 = 60s).
	Timeout time.Duration
	// Run runs the compiler and the _info programs (nil = runner.Run).
	// When set (a sandbox's Run), each compile and each run happens in
	// a fresh scratch directory under WorkDir, outside CacheDir: the
	// program is copied out of the cache to run, and a compiled one is
	// copied into it.
	Run runner.Func
	// RunKey describes what Run does (a sandbox's limits); it is part of
	// the key of compiled programs and so of their remembered answers.
	RunKey string
	// WorkDir is where those scratch directories go ("" = os.TempDir()).
	WorkDir string

	once   sync.Once
	tmpErr error
}

func (c *Compiler) timeout() time.Duration {
	if c.Timeout > 0 {
		return c.Timeout
	}
	return 60 * time.Second
}

func (c *Compiler) cacheDir() (string, error) {
	c.once.Do(func() {
		if c.CacheDir == "" {
			c.CacheDir, c.tmpErr = os.MkdirTemp("", "ccan-info-")
			return
		}
		c.CacheDir = filepath.Join(c.CacheDir, "info")
		c.tmpErr = os.MkdirAll(c.CacheDir, 0o755)
	})
	return c.CacheDir, c.tmpErr
}

// Query implements Querier.
func (c *Compiler) Query(ctx context.Context, t *Tree, name, keyword string) ([]string, error) {
	bin, err := c.Build(ctx, t, name)
	if err != nil {
		return nil, err
	}
	// An answer depends only on the program (whose name is the hash of
	// its inputs) and the keyword: remember it beside the program.
	answer := bin + "." + hex.EncodeToString([]byte(keyword))
	if out, err := os.ReadFile(answer); err == nil {
		return SplitOutput(out), nil
	}
	// At most 4 MiB of answers: a hostile _info may print forever.
	stdout := &capWriter{max: 4 << 20}
	res, err := c.runProgram(ctx, bin, keyword, stdout)
	if err != nil {
		return nil, fmt.Errorf("running ccan/%s/_info %s: %w", name, keyword, err)
	}
	if res.Signal != "" {
		return nil, fmt.Errorf("running ccan/%s/_info %s: killed by %s", name, keyword, res.Signal)
	}
	// The exit status is ignored, as the original tools ignore it.
	if tmp, err := os.CreateTemp(filepath.Dir(answer), ".answer-*"); err == nil {
		_, werr := tmp.Write(stdout.Bytes())
		if cerr := tmp.Close(); werr != nil || cerr != nil || os.Rename(tmp.Name(), answer) != nil {
			os.Remove(tmp.Name())
		}
	}
	return SplitOutput(stdout.Bytes()), nil
}

// BuildError is a compile failure of _info; Output is the compiler's.
type BuildError struct {
	Module string
	Output string
}

func (e *BuildError) Error() string {
	return fmt.Sprintf("ccan/%s/_info does not compile:\n%s", e.Module, strings.TrimSpace(e.Output))
}

// Build compiles the module's _info (or finds it in the cache) and
// returns the path of the program.
func (c *Compiler) Build(ctx context.Context, t *Tree, name string) (string, error) {
	src, err := os.ReadFile(filepath.Join(t.ModuleDir(name), "_info"))
	if err != nil {
		return "", err
	}
	dir, err := c.cacheDir()
	if err != nil {
		return "", err
	}
	incs := append([]string{t.Dir}, c.IncludeDirs...)
	bin := filepath.Join(dir, c.key(src, incs))
	if _, err := os.Stat(bin); err == nil {
		return bin, nil
	}
	workParent := dir
	if c.Run != nil {
		// Confined compiles see no cache: they work elsewhere.
		workParent = c.WorkDir
	}
	work, err := os.MkdirTemp(workParent, "ccan-info-build-")
	if err != nil {
		return "", err
	}
	defer os.RemoveAll(work)
	if err := os.WriteFile(filepath.Join(work, "_info.c"), src, 0o644); err != nil {
		return "", err
	}
	args := append([]string{c.CC}, c.CFlags...)
	for _, inc := range incs {
		args = append(args, "-I"+inc)
	}
	args = append(args, "-o", "info", "_info.c")
	res, err := c.run()(ctx, runner.Cmd{Args: args, Dir: work, Timeout: c.timeout(), Readable: incs})
	if err != nil {
		return "", fmt.Errorf("compiling ccan/%s/_info: %w", name, err)
	}
	if !res.OK() {
		return "", &BuildError{Module: name, Output: string(res.Output)}
	}
	if c.Run != nil {
		// The compiler ran confined: take only a regular file, into a
		// temporary name first, as the rename below must be atomic.
		tmp := bin + ".tmp-" + filepath.Base(work)
		if err := copyRegular(filepath.Join(work, "info"), tmp); err != nil {
			return "", fmt.Errorf("compiling ccan/%s/_info: %w", name, err)
		}
		defer os.Remove(tmp)
		return bin, os.Rename(tmp, bin)
	}
	if err := os.Rename(filepath.Join(work, "info"), bin); err != nil {
		return "", err
	}
	return bin, nil
}

func (c *Compiler) run() runner.Func {
	if c.Run != nil {
		return c.Run
	}
	return runner.Run
}

// runProgram runs the compiled _info bin with keyword, its standard
// output to stdout. With a Run set, it runs a copy in a scratch
// directory of its own.
func (c *Compiler) runProgram(ctx context.Context, bin, keyword string, stdout io.Writer) (*runner.Result, error) {
	if c.Run == nil {
		return runner.Run(ctx, runner.Cmd{Args: []string{bin, keyword}, Dir: os.TempDir(), Timeout: c.timeout(), Stdout: stdout})
	}
	dir, err := os.MkdirTemp(c.WorkDir, "ccan-info-run-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	prog := filepath.Join(dir, "info")
	if err := copyRegular(bin, prog); err != nil {
		return nil, err
	}
	return c.Run(ctx, runner.Cmd{Args: []string{prog, keyword}, Dir: dir, Timeout: c.timeout(), Stdout: stdout})
}

// copyRegular copies the regular file src (not a symbolic link: it may
// come from a confined process) to a new file dst, executable.
func copyRegular(src, dst string) error {
	in, err := os.OpenFile(src, os.O_RDONLY|syscall.O_NOFOLLOW|syscall.O_NONBLOCK, 0)
	if err != nil {
		return err
	}
	defer in.Close()
	if fi, err := in.Stat(); err != nil || !fi.Mode().IsRegular() {
		return fmt.Errorf("%s: not a regular file", src)
	}
	out, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o755)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

// capWriter keeps the first max bytes written to it and drops the rest.
type capWriter struct {
	buf bytes.Buffer
	max int
}

func (w *capWriter) Write(p []byte) (int, error) {
	if room := w.max - w.buf.Len(); room > 0 {
		w.buf.Write(p[:min(room, len(p))])
	}
	return len(p), nil
}

func (w *capWriter) Bytes() []byte { return w.buf.Bytes() }

// key hashes everything a compiled _info depends on: compiler, flags,
// the config.h each include directory offers, and the source.
func (c *Compiler) key(src []byte, incs []string) string {
	h := sha256.New()
	fmt.Fprintf(h, "ccan-info-v1\x00%s\x00%s\x00", c.CC, strings.Join(c.CFlags, "\x01"))
	if c.RunKey != "" {
		fmt.Fprintf(h, "run\x00%s\x00", c.RunKey)
	}
	for _, inc := range incs {
		cfg, _ := os.ReadFile(filepath.Join(inc, "config.h"))
		name := inc
		if c.WorkDir != "" {
			// A config.h copied into this run's scratch directory is
			// known by its contents, as in the build cache.
			name = strings.ReplaceAll(inc, c.WorkDir, "$WORK")
		}
		fmt.Fprintf(h, "%s\x00%d\x00", name, len(cfg))
		h.Write(cfg)
	}
	h.Write(src)
	return hex.EncodeToString(h.Sum(nil))[:32]
}
