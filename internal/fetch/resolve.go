package fetch

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"sync"

	"github.com/ccan-archive/ccan/internal/derrors"
	"github.com/ccan-archive/ccan/internal/store"
)

// Want is one module asked for: NAME or NAME@VERSION.
type Want struct {
	Name    string // "list", "str/hex"
	Version string // "" = the newest that is not yanked (or the pinned one)
}

func (w Want) String() string {
	if w.Version == "" {
		return w.Name
	}
	return w.Name + "@" + w.Version
}

// ParseWant parses a command-line module argument: "list",
// "ccan/str/hex", "list@1.2".
func ParseWant(arg string) (Want, error) {
	name, version, hasVersion := strings.Cut(arg, "@")
	name = strings.TrimSuffix(strings.TrimPrefix(name, "ccan/"), "/")
	if err := store.CheckModuleName(name); err != nil {
		return Want{}, err
	}
	if hasVersion {
		if err := store.CheckVersion(version); err != nil {
			return Want{}, err
		}
	}
	return Want{Name: name, Version: version}, nil
}

// Resolution is the outcome of Resolve.
type Resolution struct {
	// Modules are the chosen versions of the wanted modules and their
	// recursive dependencies, sorted by name.
	Modules []*Entry
	// Notes are remarks for the user: a yanked version chosen because it
	// was asked for or pinned, a pinned version the archive lost.
	Notes []string
}

// Resolve chooses a version of every wanted module and, breadth first,
// of every module their chosen versions depend on. A module without an
// explicit version gets its pinned version (pins: name -> version, as
// a lock file records them) when the archive still has it, else the
// newest one that is not yanked. Index files of one level are fetched
// concurrently.
func Resolve(ctx context.Context, src Source, wants []Want, pins map[string]string) (*Resolution, error) {
	r := &resolver{src: src, pins: pins, chosen: map[string]*Entry{}, res: &Resolution{}}
	var level []Want
	for _, w := range wants {
		if prev, ok := r.asked(w); ok && prev.Version != w.Version {
			return nil, derrors.Errorf(derrors.InvalidArgument, "ccan/%s asked for twice: %s and %s", w.Name, prev, w)
		}
		level = append(level, w)
	}
	for len(level) > 0 {
		entries, err := r.fetchLevel(ctx, level)
		if err != nil {
			return nil, err
		}
		var next []Want
		for _, e := range entries {
			if _, done := r.chosen[e.Name]; done {
				continue
			}
			r.chosen[e.Name] = e
			for _, d := range e.DepNames() {
				if _, done := r.chosen[d]; !done {
					next = append(next, Want{Name: d})
				}
			}
		}
		level = uniqueWants(next)
	}
	for _, e := range r.chosen {
		r.res.Modules = append(r.res.Modules, e)
	}
	sort.Slice(r.res.Modules, func(i, j int) bool { return r.res.Modules[i].Name < r.res.Modules[j].Name })
	return r.res, nil
}

type resolver struct {
	src    Source
	pins   map[string]string
	chosen map[string]*Entry
	res    *Resolution
	seen   []Want
}

// asked records w and returns an earlier request for the same module.
func (r *resolver) asked(w Want) (Want, bool) {
	for _, p := range r.seen {
		if p.Name == w.Name {
			return p, true
		}
	}
	r.seen = append(r.seen, w)
	return Want{}, false
}

func uniqueWants(ws []Want) []Want {
	seen := map[string]bool{}
	var out []Want
	for _, w := range ws {
		if !seen[w.Name] {
			seen[w.Name] = true
			out = append(out, w)
		}
	}
	return out
}

// fetchLevel reads the index files of one level at once (at most 8
// requests in flight) and picks a version of each, in order.
func (r *resolver) fetchLevel(ctx context.Context, level []Want) ([]*Entry, error) {
	out := make([]*Entry, len(level))
	errs := make([]error, len(level))
	notes := make([]string, len(level))
	var wg sync.WaitGroup
	slots := make(chan struct{}, 8)
	for i, w := range level {
		wg.Add(1)
		go func() {
			defer wg.Done()
			slots <- struct{}{}
			defer func() { <-slots }()
			out[i], notes[i], errs[i] = r.pick(ctx, w)
		}()
	}
	wg.Wait()
	for i := range level {
		if errs[i] != nil {
			return nil, errs[i]
		}
		if notes[i] != "" {
			r.res.Notes = append(r.res.Notes, notes[i])
		}
	}
	return out, nil
}

// pick reads w's index and chooses its version.
func (r *resolver) pick(ctx context.Context, w Want) (*Entry, string, error) {
	entries, err := r.src.Index(ctx, w.Name)
	if err != nil {
		return nil, "", err
	}
	if w.Version != "" {
		e, err := Pick(entries, w.Version)
		if err != nil {
			return nil, "", err
		}
		return e, yankedNote(e, "asked for"), nil
	}
	if pin := r.pins[w.Name]; pin != "" {
		if e, err := Pick(entries, pin); err == nil {
			return e, yankedNote(e, "locked"), nil
		}
		e, err := Pick(entries, "")
		if err != nil {
			return nil, "", err
		}
		return e, fmt.Sprintf("ccan/%s: the archive no longer has the locked version %s; using %s", w.Name, pin, e.Version), nil
	}
	e, err := Pick(entries, "")
	return e, "", err
}

func yankedNote(e *Entry, why string) string {
	if !e.Yanked {
		return ""
	}
	return fmt.Sprintf("ccan/%s %s is yanked; using it because it was %s", e.Name, e.Version, why)
}
