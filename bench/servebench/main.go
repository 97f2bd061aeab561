// Command servebench is a load benchmark of "ccan serve" on loopback.
//
// It imports the starter archive (modules/) into a temporary data
// directory, optionally adds N synthetic modules through the store
// Writer (-synthetic 10000), starts the real server and, beside it, the
// Go file server (http.FileServer) over a temporary directory holding
// the very bytes the server answered. Then it sends a fixed number of
// requests per row from -c concurrent connections and prints requests/s
// and p50/p99 latency for both, side by side, and the CPU time per
// request of this process (the server and the load generator) beside
// ccan serve's:
//
//   - the module page /m/list (from the page cache, then without it);
//   - search (one query from the cache, then distinct queries with the
//     cache off: the store's full-text search at work; no query is sent
//     in both uncached rows, and nothing caches results per query);
//   - the with-deps tarball download.
//
// Issue 4's targets: module pages at >= 50% of the static rate; search
// p99 < 10 ms with 10,000 synthetic modules; a last line sets the
// measured values beside them. The load is bounded (-n requests per
// row) and never leaves 127.0.0.1.
//
// Usage:
//
//	go run ./bench/servebench [-n 5000] [-c 8] [-synthetic 10000] [-tree modules] [-cpuprofile FILE] [-keep]
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"slices"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/ccan-archive/ccan/internal/archive"
	"github.com/ccan-archive/ccan/internal/blob/fsblob"
	"github.com/ccan-archive/ccan/internal/module"
	"github.com/ccan-archive/ccan/internal/server"
	"github.com/ccan-archive/ccan/internal/store"
	"github.com/ccan-archive/ccan/internal/store/sqlite"
)

func main() {
	n := flag.Int("n", 5000, "requests per row")
	c := flag.Int("c", 8, "concurrent connections")
	synthetic := flag.Int("synthetic", 0, "synthetic modules to add (10000 for the search target)")
	tree := flag.String("tree", "modules", "CCAN tree to import")
	cpuprofile := flag.String("cpuprofile", "", "write a CPU profile of the measured rows to `file`")
	keep := flag.Bool("keep", false, "keep the data directory (its path is printed)")
	flag.Parse()
	if err := run(opts{tree: *tree, synthetic: *synthetic, n: *n, c: *c, cpuprofile: *cpuprofile, keep: *keep}); err != nil {
		fmt.Fprintln(os.Stderr, "servebench:", err)
		os.Exit(1)
	}
}

// opts are the command's flags.
type opts struct {
	tree       string
	synthetic  int
	n, c       int
	cpuprofile string
	keep       bool
}

func run(o opts) error {
	ctx := context.Background()
	synthetic, n, c := o.synthetic, o.n, o.c
	dir, err := os.MkdirTemp("", "servebench-")
	if err != nil {
		return err
	}
	if o.keep {
		fmt.Fprintf(os.Stderr, "servebench: data directory %s\n", dir)
	} else {
		defer os.RemoveAll(dir)
	}
	st, bs, err := load(ctx, dir, o.tree, synthetic)
	if err != nil {
		return err
	}
	defer st.Close()
	log := slog.New(slog.DiscardHandler)
	cached, err := server.New(server.Config{Store: st, Blobs: bs, Log: log, CacheTTL: time.Hour})
	if err != nil {
		return err
	}
	uncached, err := server.New(server.Config{Store: st, Blobs: bs, Log: log, CacheTTL: -1})
	if err != nil {
		return err
	}
	staticDir := filepath.Join(dir, "static")
	if err := os.Mkdir(staticDir, 0o755); err != nil {
		return err
	}
	srvURL, stop1, err := serve(cached)
	if err != nil {
		return err
	}
	defer stop1()
	rawURL, stop2, err := serve(uncached)
	if err != nil {
		return err
	}
	defer stop2()
	fileURL, stop3, err := serve(http.FileServer(http.Dir(staticDir)))
	if err != nil {
		return err
	}
	defer stop3()

	mv, err := st.GetModule(ctx, "list", "")
	if err != nil {
		return err
	}
	tb := mv.Tarball(store.TarballWithDeps)
	// Each uncached search row asks for other words than the rows
	// before it, and measure warms up on the last paths of a row.
	words := queryWords(synthetic)
	half := len(words) / 2
	rows := []row{
		{name: "module page /m/list (cached)", base: srvURL, paths: []string{"/m/list"}},
		{name: "module page /m/list (no cache)", base: rawURL, paths: []string{"/m/list"}, slow: true},
		{name: "search ?q=hash (cached)", base: srvURL, paths: []string{"/search?q=hash"}},
		{name: fmt.Sprintf("search, %d distinct queries (no cache)", half), base: rawURL, paths: searchPaths(words[:half]), slow: true},
		{name: fmt.Sprintf("  %d others, one connection", len(words)-half), base: rawURL, paths: searchPaths(words[half:]), slow: true, conns: 1},
		{name: "download " + tb.Name, base: srvURL, paths: []string{"/download/" + tb.SHA256 + "/" + tb.Name}},
	}
	results := make([][2]result, len(rows)) // ccan serve, static
	client := newClient(c)
	fmt.Printf("servebench: %d modules (%d synthetic); %d requests per row over %d connections; GOMAXPROCS %d; loopback\n\n",
		count(ctx, st), synthetic, n, c, runtime.GOMAXPROCS(0))
	fmt.Printf("%-44s %8s | %9s %8s %8s %8s | %9s %8s %8s | %6s\n", "", "", "ccan serve", "", "", "", "static file", "", "", "")
	fmt.Printf("%-44s %8s | %9s %8s %8s %8s | %9s %8s %8s | %6s\n", "row", "bytes", "req/s", "p50", "p99", "cpu/req", "req/s", "p50", "p99", "ratio")
	if o.cpuprofile != "" {
		stop, err := startProfile(o.cpuprofile)
		if err != nil {
			return err
		}
		defer stop()
	}
	for i, r := range rows {
		body, err := fetch(client, r.base+r.paths[0])
		if err != nil {
			return err
		}
		static := fmt.Sprintf("f%d", i)
		if err := os.WriteFile(filepath.Join(staticDir, static), body, 0o644); err != nil {
			return err
		}
		rn, rc := n, c
		if r.slow {
			rn = min(n, 500)
		}
		if r.conns > 0 {
			rc = r.conns
		}
		got, err := measure(client, r.base, r.paths, rn, rc)
		if err != nil {
			return fmt.Errorf("%s: %w", r.name, err)
		}
		want, err := measure(client, fileURL, []string{"/" + static}, rn, rc)
		if err != nil {
			return fmt.Errorf("%s (static): %w", r.name, err)
		}
		fmt.Printf("%-44s %8d | %9.0f %8s %8s %8s | %9.0f %8s %8s | %5.0f%%\n", r.name, len(body),
			got.rps, ms(got.p50), ms(got.p99), ms(got.cpu), want.rps, ms(want.p50), ms(want.p99), 100*got.rps/want.rps)
		results[i] = [2]result{got, want}
	}
	fmt.Printf("\ntargets (issue 4): module page (cached) at %.0f%% of the static rate (>= 50%%); search p99 %s over %d connections, %s over one (< 10ms)\n",
		100*results[0][0].rps/results[0][1].rps, ms(results[3][0].p99), c, ms(results[4][0].p99))
	return storeTimings(ctx, st, words)
}

// row is one line of the report: paths are requested round-robin.
type row struct {
	name  string
	base  string
	paths []string
	slow  bool // uncached: at most 500 requests
	conns int  // connections; 0 means -c
}

// load imports the tree and adds the synthetic modules.
func load(ctx context.Context, dir, treeDir string, synthetic int) (*sqlite.Store, *fsblob.Store, error) {
	st, err := sqlite.Open(ctx, filepath.Join(dir, "ccan.db"))
	if err != nil {
		return nil, nil, err
	}
	bs, err := fsblob.New(filepath.Join(dir, "blobs"))
	if err != nil {
		st.Close()
		return nil, nil, err
	}
	tr, err := module.FindTree(treeDir)
	if err != nil {
		st.Close()
		return nil, nil, err
	}
	im := &archive.Importer{Store: st, Blobs: bs, Log: slog.New(slog.DiscardHandler)}
	if _, err := im.ImportTree(ctx, tr); err != nil {
		st.Close()
		return nil, nil, err
	}
	start := time.Now()
	if err := addSynthetic(ctx, st, synthetic); err != nil {
		st.Close()
		return nil, nil, err
	}
	if synthetic > 0 {
		fmt.Fprintf(os.Stderr, "servebench: inserted %d synthetic modules in %.1fs\n", synthetic, time.Since(start).Seconds())
	}
	return st, bs, nil
}

func count(ctx context.Context, st store.Reader) int {
	c, err := st.Counts(ctx)
	if err != nil {
		return -1
	}
	return c.Modules
}

// serve serves h on a loopback port.
func serve(h http.Handler) (url string, stop func(), err error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", nil, err
	}
	hs := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second}
	go hs.Serve(ln)
	return "http://" + ln.Addr().String(), func() { hs.Close() }, nil
}

// newClient keeps c connections open and asks for identity encoding, so
// both servers send the same bytes.
func newClient(c int) *http.Client {
	tr := &http.Transport{
		DisableCompression:  true,
		MaxIdleConns:        c,
		MaxIdleConnsPerHost: c,
		MaxConnsPerHost:     c,
		DialContext:         (&net.Dialer{Timeout: 5 * time.Second}).DialContext,
	}
	return &http.Client{Transport: tr, Timeout: 30 * time.Second}
}

func fetch(client *http.Client, url string) ([]byte, error) {
	resp, err := client.Get(url)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err == nil && resp.StatusCode != http.StatusOK {
		err = fmt.Errorf("GET %s: %s", url, resp.Status)
	}
	return b, err
}

type result struct {
	rps      float64
	p50, p99 time.Duration
	cpu      time.Duration // this process's CPU time per request: server and load generator
}

// measure sends n requests (after a short warm-up on the last paths,
// which the measured requests reach last if at all) from c workers.
func measure(client *http.Client, base string, paths []string, n, c int) (result, error) {
	for i := range min(n, 100) {
		if _, err := fetch(client, base+paths[len(paths)-1-i%len(paths)]); err != nil {
			return result{}, err
		}
	}
	lat := make([]time.Duration, n)
	var next atomic.Int64
	var firstErr error
	var once sync.Once
	var wg sync.WaitGroup
	cpu0 := cpuTime()
	start := time.Now()
	for range c {
		wg.Go(func() {
			for {
				i := int(next.Add(1) - 1)
				if i >= n {
					return
				}
				t := time.Now()
				if _, err := fetch(client, base+paths[i%len(paths)]); err != nil {
					once.Do(func() { firstErr = err })
					return
				}
				lat[i] = time.Since(t)
			}
		})
	}
	wg.Wait()
	elapsed := time.Since(start)
	cpu := cpuTime() - cpu0
	if firstErr != nil {
		return result{}, firstErr
	}
	slices.Sort(lat)
	return result{rps: float64(n) / elapsed.Seconds(), p50: lat[n/2], p99: lat[n*99/100], cpu: cpu / time.Duration(n)}, nil
}

// cpuTime returns the CPU time (user and system) this process has used.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// startProfile starts a CPU profile written to file when stop is called.
func startProfile(file string) (stop func(), err error) {
	f, err := os.Create(file)
	if err != nil {
		return nil, err
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return nil, err
	}
	return func() {
		pprof.StopCPUProfile()
		if err := f.Close(); err != nil {
			fmt.Fprintln(os.Stderr, "servebench:", err)
		}
	}, nil
}

func ms(d time.Duration) string { return fmt.Sprintf("%.2fms", float64(d)/float64(time.Millisecond)) }
