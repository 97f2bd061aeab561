package build

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/ccan-archive/ccan/internal/runner"
)

// Builder runs actions with bounded parallelism and caching.
type Builder struct {
	Cache *Cache
	// Timeout bounds each process (0 = 10 minutes, as ccanlint's alarm).
	Timeout time.Duration
	// Trace, when non-nil, is told about every action (for -vvv output).
	Trace func(a *Action, r *Result)
	// Run runs each process (nil = runner.Run); a sandbox's Run
	// (internal/sandbox) confines them. Set it before the first Do.
	Run runner.Func
	// RunKey describes what Run does to processes (a sandbox's limits).
	// It is part of every action ID, so results obtained confined and
	// unconfined, or under other limits, are never mixed.
	RunKey string

	exposeMu sync.Mutex
	exposed  []string // see Expose

	slots  chan struct{}
	hasher fileHasher
	stats  Stats
}

// Stats counts what a Builder did.
type Stats struct {
	Processes   atomic.Int64 // processes actually run
	CacheHits   atomic.Int64
	ProcessTime atomic.Int64 // summed wall time of processes, in ns
	ProcessCPU  atomic.Int64 // summed user+system time of processes, in ns

	mu     sync.Mutex
	byKind map[string]*KindStats
}

// KindStats sums the processes of one kind (see Action.Kind).
type KindStats struct {
	Processes int
	Wall      time.Duration
	CPU       time.Duration // user+system
}

// ByKind returns a copy of the per-kind sums.
func (s *Stats) ByKind() map[string]KindStats {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make(map[string]KindStats, len(s.byKind))
	for k, v := range s.byKind {
		out[k] = *v
	}
	return out
}

func (s *Stats) add(kind string, wall, cpu time.Duration) {
	s.Processes.Add(1)
	s.ProcessTime.Add(int64(wall))
	s.ProcessCPU.Add(int64(cpu))
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.byKind == nil {
		s.byKind = make(map[string]*KindStats)
	}
	k := s.byKind[kind]
	if k == nil {
		k = &KindStats{}
		s.byKind[kind] = k
	}
	k.Processes++
	k.Wall += wall
	k.CPU += cpu
}

// NewBuilder returns a Builder running at most jobs processes at once.
func NewBuilder(cache *Cache, jobs int) *Builder {
	if jobs < 1 {
		jobs = 1
	}
	return &Builder{Cache: cache, slots: make(chan struct{}, jobs)}
}

// Stats returns the builder's counters.
func (b *Builder) Stats() *Stats { return &b.stats }

// Action is one process run: a compile, a link or a program run.
type Action struct {
	Args []string // the command line
	Dir  string   // working directory
	Env  []string // nil = inherit
	// Inputs are files whose bytes determine the result (sources,
	// objects, the program being run, data it reads).
	Inputs []string
	// Outputs are files the action writes; they are cached and restored.
	Outputs []string
	// DepFile makes the compiler report the headers it reads (-MD -MF),
	// which become part of the cache key.
	DepFile bool
	// LogFile is a file the process writes besides its output (e.g. a
	// valgrind log); its contents are cached in Result.Log.
	LogFile string
	// Work is the per-run scratch directory; occurrences of it in
	// arguments and paths are normalised so that actions of different
	// runs share cache entries.
	Work string
	// NoCache forces the action to run (coverage builds, whose outputs
	// embed absolute paths of this run).
	NoCache bool
	// Timeout overrides the builder's (0 = keep).
	Timeout time.Duration
	// Kind names the sort of process for the statistics ("compile",
	// "link", "valgrind", ...; "" = "other"). It is not part of the
	// action ID.
	Kind string
}

// Result is an action's outcome.
type Result struct {
	Output   string // combined stdout+stderr
	Exit     int    // exit status (-1 = signal)
	Signal   string
	TimedOut bool
	Cached   bool
	Log      string // contents of Action.LogFile
	Elapsed  time.Duration
	CPU      time.Duration // user+system time of the process (0 when cached)
}

// OK reports whether the process exited 0 in time.
func (r *Result) OK() bool { return r.Exit == 0 && !r.TimedOut && r.Signal == "" }

// Do runs the action, or replays it from the cache.
func (b *Builder) Do(ctx context.Context, a *Action) (*Result, error) {
	id, err := b.actionID(a)
	if err != nil {
		return nil, err
	}
	if !a.NoCache {
		if r, ok := b.lookup(a, id); ok {
			b.stats.CacheHits.Add(1)
			b.trace(a, r)
			return r, nil
		}
	}
	r, deps, err := b.run(ctx, a)
	if err != nil {
		return nil, err
	}
	if !a.NoCache && !r.TimedOut && ctx.Err() == nil {
		b.store(a, id, r, deps)
	}
	b.trace(a, r)
	return r, nil
}

func (b *Builder) trace(a *Action, r *Result) {
	if b.Trace != nil {
		b.Trace(a, r)
	}
}

// actionID hashes the normalised command line and the inputs' contents.
func (b *Builder) actionID(a *Action) (string, error) {
	parts := []string{"ccan-action-v1", a.norm(a.Dir)}
	if b.RunKey != "" {
		parts = append(parts, "\x01run", b.RunKey)
	}
	for _, arg := range a.Args {
		parts = append(parts, a.norm(arg))
	}
	parts = append(parts, "\x01env")
	parts = append(parts, a.Env...)
	parts = append(parts, "\x01in")
	for _, in := range a.Inputs {
		sum, err := b.hasher.Hash(in)
		if err != nil {
			return "", fmt.Errorf("hashing input: %w", err)
		}
		parts = append(parts, a.norm(in), sum)
	}
	parts = append(parts, "\x01out")
	for _, o := range a.Outputs {
		parts = append(parts, a.norm(o))
	}
	return hashStrings(parts...), nil
}

func (a *Action) norm(s string) string {
	if a.Work == "" {
		return s
	}
	return strings.ReplaceAll(s, a.Work, "$WORK")
}

func (a *Action) denorm(s string) string {
	if a.Work == "" {
		return s
	}
	return strings.ReplaceAll(s, "$WORK", a.Work)
}

func (b *Builder) lookup(a *Action, id string) (*Result, bool) {
	e, ok := b.Cache.getEntry(id)
	if !ok {
		return nil, false
	}
	for _, d := range e.Deps {
		sum, err := b.hasher.Hash(a.denorm(d.Path))
		if err != nil || sum != d.Sum {
			return nil, false
		}
	}
	var outs []string
	if e.OutputID != "" {
		outs = strings.Split(e.OutputID, ",")
	}
	if e.Exit == 0 && len(outs) != len(a.Outputs) {
		return nil, false
	}
	for i := range outs {
		if err := b.Cache.getOutput(outs[i], a.Outputs[i]); err != nil {
			return nil, false
		}
	}
	if a.LogFile != "" {
		if err := writeNew(a.LogFile, []byte(e.Extra)); err != nil {
			return nil, false
		}
	}
	return &Result{Output: a.denorm(e.Output), Exit: e.Exit, Cached: true, Log: e.Extra}, true
}

func (b *Builder) store(a *Action, id string, r *Result, deps []string) {
	if r.Signal != "" {
		return // crashes are not worth remembering
	}
	if a.DepFile && len(deps) == 0 {
		// A compile that stopped before reporting its headers (a missing
		// include) would miss a fix made in a header: never replay it.
		// Compile errors after preprocessing still list every header.
		return
	}
	e := &entry{Output: a.norm(r.Output), Exit: r.Exit, Extra: r.Log}
	for _, d := range deps {
		sum, err := b.hasher.Hash(d)
		if err != nil {
			return
		}
		e.Deps = append(e.Deps, dep{Path: a.norm(d), Sum: sum})
	}
	if r.Exit == 0 {
		var ids []string
		for _, o := range a.Outputs {
			oid, err := b.Cache.putOutput(o, &b.hasher)
			if err != nil {
				return
			}
			ids = append(ids, oid)
		}
		e.OutputID = strings.Join(ids, ",")
	}
	b.Cache.putEntry(id, e)
}

// run executes the action, returning discovered header dependencies.
func (b *Builder) run(ctx context.Context, a *Action) (*Result, []string, error) {
	args := a.Args
	var depPath string
	if a.DepFile {
		f, err := os.CreateTemp(a.Dir, ".dep-*.d")
		if err != nil {
			return nil, nil, err
		}
		f.Close()
		depPath = f.Name()
		defer os.Remove(depPath)
		args = append([]string{args[0], "-MD", "-MF", depPath}, args[1:]...)
	}
	timeout := a.Timeout
	if timeout == 0 {
		timeout = b.Timeout
	}
	if timeout == 0 {
		timeout = 10 * time.Minute
	}
	select {
	case b.slots <- struct{}{}:
	case <-ctx.Done():
		return nil, nil, ctx.Err()
	}
	run := b.Run
	if run == nil {
		run = runner.Run
	}
	res, err := run(ctx, runner.Cmd{Args: args, Dir: a.Dir, Env: a.Env, Timeout: timeout,
		Writable: a.writable(), Readable: b.readable(a)})
	<-b.slots
	if res != nil {
		kind := a.Kind
		if kind == "" {
			kind = "other"
		}
		b.stats.add(kind, res.Elapsed, res.CPU)
	}
	if err != nil && !errors.Is(err, runner.ErrTimeout) {
		return nil, nil, err
	}
	r := &Result{Output: string(res.Output), Exit: res.ExitCode, Signal: res.Signal,
		TimedOut: res.TimedOut, Elapsed: res.Elapsed, CPU: res.CPU}
	if a.LogFile != "" {
		log, _ := readRegular(a.LogFile)
		r.Log = string(log)
	}
	var deps []string
	if depPath != "" {
		deps = parseDepFile(depPath, a.Dir)
	}
	return r, deps, nil
}

// parseDepFile reads a make-style dependency file and returns absolute
// paths of every prerequisite.
func parseDepFile(path, dir string) []string {
	b, err := readRegular(path)
	if err != nil {
		return nil
	}
	s := strings.ReplaceAll(string(b), "\\\n", " ")
	var out []string
	seen := map[string]bool{}
	for _, line := range strings.Split(s, "\n") {
		_, rest, ok := strings.Cut(line, ": ")
		if !ok {
			continue
		}
		for _, f := range strings.Fields(rest) {
			if !filepath.IsAbs(f) {
				f = filepath.Join(dir, f)
			}
			if !seen[f] {
				seen[f] = true
				out = append(out, f)
			}
		}
	}
	return out
}

// Once deduplicates concurrent work by key for the life of the value
// (e.g. building each dependency module once per run).
type Once[T any] struct {
	mu sync.Mutex
	m  map[string]*onceCell[T]
}

type onceCell[T any] struct {
	done chan struct{}
	val  T
	err  error
}

// Do returns the value for key, computing it with f the first time.
func (o *Once[T]) Do(key string, f func() (T, error)) (T, error) {
	o.mu.Lock()
	if o.m == nil {
		o.m = make(map[string]*onceCell[T])
	}
	c, ok := o.m[key]
	if !ok {
		c = &onceCell[T]{done: make(chan struct{})}
		o.m[key] = c
		o.mu.Unlock()
		c.val, c.err = f()
		close(c.done)
		return c.val, c.err
	}
	o.mu.Unlock()
	<-c.done
	return c.val, c.err
}

// Expose adds dir to the directories every process must be able to
// read (for a Run that confines reads: the trees being linted; each
// action's Work is readable anyway). It is safe for concurrent use.
func (b *Builder) Expose(dir string) {
	b.exposeMu.Lock()
	defer b.exposeMu.Unlock()
	if !slices.Contains(b.exposed, dir) {
		b.exposed = append(b.exposed, dir)
	}
}

func (b *Builder) readable(a *Action) []string {
	b.exposeMu.Lock()
	defer b.exposeMu.Unlock()
	out := slices.Clone(b.exposed)
	if a.Work != "" {
		out = append(out, a.Work)
	}
	return out
}

// writable lists the directories outside Dir that the action writes
// (its outputs' and log file's), for a Run that confines writes.
func (a *Action) writable() []string {
	var out []string
	seen := map[string]bool{}
	for _, f := range append(append([]string(nil), a.Outputs...), a.LogFile) {
		if f == "" {
			continue
		}
		d := filepath.Dir(f)
		if rel, err := filepath.Rel(a.Dir, d); err == nil && rel != ".." && !strings.HasPrefix(rel, "../") {
			continue
		}
		if !seen[d] {
			seen[d] = true
			out = append(out, d)
		}
	}
	return out
}

// maxReadRegular caps what readRegular returns (a log or dependency file).
const maxReadRegular = 16 << 20

// readRegular reads a file a process wrote, which may be untrusted: it
// follows no symbolic link in the last component, does not block on a
// FIFO and reads at most maxReadRegular bytes of a regular file.
func readRegular(path string) ([]byte, error) {
	f, err := openRegular(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return io.ReadAll(io.LimitReader(f, maxReadRegular))
}

// writeNew replaces path with a new file holding data. The file is
// created exclusively: a link a confined process planted at path is
// removed, not written through.
func writeNew(path string, data []byte) error {
	os.Remove(path)
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	_, werr := f.Write(data)
	return errors.Join(werr, f.Close())
}
