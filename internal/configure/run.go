package configure

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"time"
)

// DefaultCFlags returns the flags CCAN's top-level Makefile passes to the
// configurator (its CCAN_CFLAGS with an empty CFLAGS). -DCCAN_STR_DEBUG=1
// and -I. are kept so that CCAN_CFLAGS in config.h is exactly what the
// original build writes and what ccanlint then compiles modules with;
// probes do not include anything local, so neither changes a result.
func DefaultCFlags() []string {
	return []string{"-g3", "-ggdb", "-Wall", "-Wstrict-prototypes",
		"-Wold-style-definition", "-Wundef", "-Wmissing-prototypes",
		"-Wmissing-declarations", "-Wpointer-arith", "-Wwrite-strings",
		"-Wshadow=local", "-DCCAN_STR_DEBUG=1", "-I."}
}

// Options configures Run. The zero value is usable.
type Options struct {
	CC       string        // compiler command, split on white space (e.g. "ccache cc"); default "cc"
	CFlags   []string      // compiler flags; nil means DefaultCFlags(), an empty non-nil slice means none
	Jobs     int           // probes compiled at once; <= 0 means runtime.NumCPU()
	CacheDir string        // directory for cached results; "" disables the cache
	Verbose  io.Writer     // nil: quiet; else one "checking NAME... yes|no[ (cached)]" line per probe
	Timeout  time.Duration // limit for each compile and each run; <= 0 means 30s
}

// withDefaults fills in the documented defaults.
func (o Options) withDefaults() Options {
	if strings.TrimSpace(o.CC) == "" {
		o.CC = "cc"
	}
	if o.CFlags == nil {
		o.CFlags = DefaultCFlags()
	}
	if o.Jobs <= 0 {
		o.Jobs = runtime.NumCPU()
	}
	if o.Timeout <= 0 {
		o.Timeout = 30 * time.Second
	}
	return o
}

// Result is the answer of one probe.
type Result struct {
	Name  string // e.g. "HAVE_TYPEOF"
	Value bool   // written as 1 or 0
}

// Config is a probed (or parsed) configuration.
type Config struct {
	Compiler string   // CCAN_COMPILER
	CFlags   string   // CCAN_CFLAGS: the flags joined by spaces
	Values   []Result // Run: all probes in the order of Tests; Parse: file order
	Cached   bool     // reports whether Run served the values from its cache
}

// Value returns the value of the named macro and whether it is known.
func (c *Config) Value(name string) (v, ok bool) {
	for _, r := range c.Values {
		if r.Name == name {
			return r.Value, true
		}
	}
	return false, false
}

// Run probes the compiler described by opts with every built-in test and
// returns the configuration. It fails when the compiler cannot be found
// or is broken (see the package documentation), or when ctx is cancelled.
func Run(ctx context.Context, opts Options) (cfg *Config, err error) {
	defer func() {
		if err != nil {
			err = fmt.Errorf("configure.Run(%q): %w", opts.CC, err)
		}
	}()
	opts = opts.withDefaults()
	tests := Tests()
	if err := validate(tests); err != nil {
		return nil, err
	}
	ccArgv := strings.Fields(opts.CC)
	path, err := exec.LookPath(ccArgv[0])
	if err != nil {
		return nil, fmt.Errorf("compiler: %w", err)
	}
	cfg = &Config{Compiler: opts.CC, CFlags: strings.Join(opts.CFlags, " ")}
	var key string
	if opts.CacheDir != "" {
		key = cacheKey(ctx, opts, path, tests)
		if values, ok := loadCache(opts.CacheDir, key, tests); ok {
			cfg.Values, cfg.Cached = values, true
			for _, r := range values {
				report(opts.Verbose, nil, r.Name, r.Value, " (cached)")
			}
			return cfg, nil
		}
	}
	p := &prober{opts: opts, cc: ccArgv, tests: tests}
	values, complete, err := p.all(ctx)
	if err != nil {
		return nil, err
	}
	cfg.Values = values
	if key != "" && complete {
		if err := saveCache(opts.CacheDir, key, cfg); err != nil && opts.Verbose != nil {
			fmt.Fprintf(opts.Verbose, "configure: not caching: %v\n", err)
		}
	}
	return cfg, nil
}

// report writes one progress line if w is not nil; mu, if not nil,
// serialises writers.
func report(w io.Writer, mu *sync.Mutex, name string, v bool, note string) {
	if w == nil {
		return
	}
	if mu != nil {
		mu.Lock()
		defer mu.Unlock()
	}
	answer := "no"
	if v {
		answer = "yes"
	}
	fmt.Fprintf(w, "checking %s... %s%s\n", name, answer, note)
}

// prober runs one set of probes.
type prober struct {
	opts  Options
	cc    []string // compiler command, already split
	tests []Test
	tmp   string // per-Run temporary root

	outMu    sync.Mutex // serialises Verbose
	timedOut bool       // guarded by outMu: some probe hit the timeout
}

// all runs every probe, at most opts.Jobs compiles at a time, each after
// its dependencies, and applies overrides. complete is false when a
// timeout made some answer unreliable.
func (p *prober) all(ctx context.Context) (values []Result, complete bool, err error) {
	p.tmp, err = os.MkdirTemp("", "ccan-configure-")
	if err != nil {
		return nil, false, fmt.Errorf("creating temporary directory: %w", err)
	}
	defer os.RemoveAll(p.tmp)

	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	index := make(map[string]int, len(p.tests))
	done := make([]chan struct{}, len(p.tests))
	for i, t := range p.tests {
		index[t.Name] = i
		done[i] = make(chan struct{})
	}
	raw := make([]bool, len(p.tests))
	slots := make(chan struct{}, p.opts.Jobs)
	var wg sync.WaitGroup
	for i := range p.tests {
		wg.Go(func() {
			defer close(done[i])
			v, err := p.one(ctx, i, index, done, raw, slots)
			if err != nil {
				cancel(err)
				return
			}
			raw[i] = v
		})
	}
	wg.Wait()
	if err := context.Cause(ctx); err != nil {
		return nil, false, err
	}
	return p.resolve(raw, index), !p.timedOut, nil
}

// one waits for probe i's dependencies, then decides it. Reading raw[d]
// after done[d] is closed is safe: the writer closes done[d] afterwards.
func (p *prober) one(ctx context.Context, i int, index map[string]int, done []chan struct{}, raw []bool, slots chan struct{}) (bool, error) {
	t := p.tests[i]
	for _, d := range t.Depends {
		j := index[d.Name]
		select {
		case <-done[j]:
		case <-ctx.Done():
			return false, context.Cause(ctx)
		}
		if raw[j] != d.Want {
			report(p.opts.Verbose, &p.outMu, t.Name, false, "")
			return false, nil
		}
	}
	select {
	case slots <- struct{}{}:
	case <-ctx.Done():
		return false, context.Cause(ctx)
	}
	defer func() { <-slots }()
	v, err := p.decide(ctx, t)
	if err != nil {
		return false, fmt.Errorf("probe %s: %w", t.Name, err)
	}
	report(p.opts.Verbose, &p.outMu, t.Name, v, "")
	return v, nil
}

// resolve applies overrides to the probes' own answers, in order.
func (p *prober) resolve(raw []bool, index map[string]int) []Result {
	values := make([]Result, len(p.tests))
	for i, t := range p.tests {
		values[i] = Result{Name: t.Name, Value: raw[i]}
	}
	for i, t := range p.tests {
		if t.Overrides != "" && raw[i] {
			values[index[t.Overrides]].Value = true
		}
	}
	return values
}

// ErrBrokenCompiler marks a probe outcome that means the compiler or the
// flags are broken rather than that a feature is missing: a probe that
// must compile did not, or a sanity probe exited with a non-zero status.
var ErrBrokenCompiler = errors.New("compiler or flags broken")

// decide compiles (and maybe runs) probe t in its own directory.
func (p *prober) decide(ctx context.Context, t Test) (bool, error) {
	dir, err := os.MkdirTemp(p.tmp, t.Name+"-")
	if err != nil {
		return false, err
	}
	defer os.RemoveAll(dir)
	if err := os.WriteFile(filepath.Join(dir, "probe.c"), []byte(t.Source()), 0o644); err != nil {
		return false, err
	}
	argv := append([]string{}, p.cc...)
	argv = append(argv, p.opts.CFlags...)
	argv = append(argv, "-o", "probe", "probe.c")
	argv = append(argv, t.Flags...)
	argv = append(argv, t.Link...)
	res, err := runProc(ctx, p.opts.Timeout, dir, argv)
	if err != nil {
		return false, err
	}
	p.noteTimeout(res)
	if !res.Success || strings.Contains(string(res.Output), "warning") {
		if t.Style.mustCompile() {
			return false, fmt.Errorf("%w: did not compile cleanly:\n%s", ErrBrokenCompiler, res.Output)
		}
		return false, nil
	}
	if !t.Style.runs() {
		return true, nil
	}
	res, err = runProc(ctx, p.opts.Timeout, dir, []string{filepath.Join(dir, "probe")})
	if err != nil {
		return false, err
	}
	p.noteTimeout(res)
	if !res.Success && t.Style&Execute == 0 && res.ExitCode > 0 {
		return false, fmt.Errorf("%w: sanity check exited non-zero:\n%s", ErrBrokenCompiler, res.Output)
	}
	return res.Success, nil
}

// noteTimeout records that a result came from a timeout.
func (p *prober) noteTimeout(res procResult) {
	if res.TimedOut {
		p.outMu.Lock()
		p.timedOut = true
		p.outMu.Unlock()
	}
}
