package module

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
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
	var stdout bytes.Buffer
	res, err := runner.Run(ctx, runner.Cmd{
		Args: []string{bin, keyword}, Dir: os.TempDir(), Timeout: c.timeout(), Stdout: &stdout,
	})
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
	work, err := os.MkdirTemp(dir, "build-")
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
	res, err := runner.Run(ctx, runner.Cmd{Args: args, Dir: work, Timeout: c.timeout()})
	if err != nil {
		return "", fmt.Errorf("compiling ccan/%s/_info: %w", name, err)
	}
	if !res.OK() {
		return "", &BuildError{Module: name, Output: string(res.Output)}
	}
	if err := os.Rename(filepath.Join(work, "info"), bin); err != nil {
		return "", err
	}
	return bin, nil
}

// key hashes everything a compiled _info depends on: compiler, flags,
// the config.h each include directory offers, and the source.
func (c *Compiler) key(src []byte, incs []string) string {
	h := sha256.New()
	fmt.Fprintf(h, "ccan-info-v1\x00%s\x00%s\x00", c.CC, strings.Join(c.CFlags, "\x01"))
	for _, inc := range incs {
		cfg, _ := os.ReadFile(filepath.Join(inc, "config.h"))
		fmt.Fprintf(h, "%s\x00%d\x00", inc, len(cfg))
		h.Write(cfg)
	}
	h.Write(src)
	return hex.EncodeToString(h.Sum(nil))[:32]
}
