package module

import (
	"context"
	"fmt"
	"strings"
)

// CycleError reports a dependency cycle.
type CycleError struct {
	Path []string // e.g. ccan/a ccan/b ccan/a
}

func (e *CycleError) Error() string {
	return "dependency cycle: " + strings.Join(e.Path, " -> ")
}

// DepsOptions selects what Deps computes.
type DepsOptions struct {
	// Style is Depends or TestDepends: which _info answer of the module
	// itself to start from. Dependencies of dependencies always come from
	// their Depends answer.
	Style string
	// Direct stops after the module's own answer.
	Direct bool
}

// Deps computes a module's dependencies with the semantics of the
// original ccan_depends: the module's own answer, then (unless Direct),
// breadth first, the "depends" answers of every ccan/ entry, each new
// name appended once. Non-CCAN entries are kept (and not followed). A
// cycle through the module or among its dependencies is reported as a
// *CycleError rather than looping.
func Deps(ctx context.Context, q Querier, t *Tree, name string, opts DepsOptions) ([]string, error) {
	style := opts.Style
	if style == "" {
		style = Depends
	}
	direct, err := q.Query(ctx, t, name, style)
	if err != nil {
		return nil, err
	}
	deps := uniq(direct)
	if opts.Direct {
		return deps, nil
	}
	// edges holds the "depends" answers, the only edges that can form a
	// real cycle; a test dependency that depends on the module is fine.
	root := "ccan/" + name
	if style != Depends {
		root = "" // a virtual root whose edges are the test dependencies
	}
	edges := map[string][]string{root: deps}
	seen := make(map[string]bool)
	for _, d := range deps {
		seen[d] = true
	}
	for i := 0; i < len(deps); i++ {
		d := deps[i]
		if !strings.HasPrefix(d, "ccan/") {
			continue
		}
		sub, err := q.Query(ctx, t, strings.TrimPrefix(d, "ccan/"), Depends)
		if err != nil {
			return nil, fmt.Errorf("%s (dependency of ccan/%s): %w", d, name, err)
		}
		edges[d] = sub
		for _, s := range sub {
			if !seen[s] {
				seen[s] = true
				deps = append(deps, s)
			}
		}
	}
	if cyc := findCycle(root, edges); cyc != nil {
		return nil, &CycleError{Path: cyc}
	}
	return deps, nil
}

func uniq(in []string) []string {
	seen := make(map[string]bool, len(in))
	var out []string
	for _, s := range in {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}

// findCycle returns a cycle reachable from root in edges, or nil.
func findCycle(root string, edges map[string][]string) []string {
	const (
		white = iota
		grey
		black
	)
	color := make(map[string]int)
	var stack []string
	var visit func(n string) []string
	visit = func(n string) []string {
		color[n] = grey
		stack = append(stack, n)
		for _, m := range edges[n] {
			switch color[m] {
			case grey:
				for i, s := range stack {
					if s == m {
						return append(append([]string(nil), stack[i:]...), m)
					}
				}
			case white:
				if _, ok := edges[m]; !ok {
					continue
				}
				if c := visit(m); c != nil {
					return c
				}
			}
		}
		stack = stack[:len(stack)-1]
		color[n] = black
		return nil
	}
	return visit(root)
}
