package main

import (
	"fmt"
	"io"
	"sync"
	"time"

	"github.com/ccan-archive/ccan/internal/build"
	"github.com/ccan-archive/ccan/internal/cli"
	"github.com/ccan-archive/ccan/internal/lint/driver"
)

// progress shows a one-line progress bar on a terminal for multi-module
// runs, and nothing otherwise (results are printed as they complete).
type progress struct {
	w      io.Writer
	on     bool
	total  int
	mu     sync.Mutex
	n      int
	failed int
	start  time.Time
	shown  bool
}

func newProgress(env *cli.Env, total int) *progress {
	return &progress{w: env.Stderr, on: env.IsTerminal && total > 1, total: total, start: time.Now()}
}

func (p *progress) done(r *driver.ModuleResult) {
	if !p.on {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	p.n++
	if !r.Passed {
		p.failed++
	}
	const width = 30
	fill := p.n * width / p.total
	bar := make([]byte, width)
	for i := range bar {
		bar[i] = '-'
		if i < fill {
			bar[i] = '='
		}
	}
	fmt.Fprintf(p.w, "\r[%s] %d/%d modules, %d failing, %s  %-20.20s", bar, p.n, p.total, p.failed,
		time.Since(p.start).Round(time.Second), r.Module)
	p.shown = true
}

func (p *progress) clear() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.shown {
		fmt.Fprintf(p.w, "\r%80s\r", "")
		p.shown = false
	}
}

func (p *progress) finish(b *build.Builder) {
	p.clear()
	if !p.on {
		return
	}
	s := b.Stats()
	fmt.Fprintf(p.w, "%d modules in %s: %d processes run (%s of process time), %d cached results reused\n",
		p.total, time.Since(p.start).Round(100*time.Millisecond), s.Processes.Load(),
		time.Duration(s.ProcessTime.Load()).Round(100*time.Millisecond), s.CacheHits.Load())
}
