package module

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
)

// Keywords the tools ask _info about.
const (
	Depends     = "depends"
	TestDepends = "testdepends"
	Libs        = "libs"
	CFlags      = "cflags"
	Ported      = "ported"
	Ccanlint    = "ccanlint"
)

// A Querier answers _info questions for modules of a tree. Answers are the
// output lines of `_info KEYWORD` (compiled) or what the safe text scan
// can tell.
type Querier interface {
	Query(ctx context.Context, t *Tree, name, keyword string) ([]string, error)
}

// ErrSafeMode is returned by SafeQuerier for keywords a text scan cannot
// answer.
var ErrSafeMode = errors.New("safe mode: only depends and testdepends can be answered without compiling _info")

// SafeQuerier answers depends and testdepends by scanning _info as text.
// It never compiles or runs anything.
type SafeQuerier struct{}

// Query implements Querier.
func (SafeQuerier) Query(ctx context.Context, t *Tree, name, keyword string) ([]string, error) {
	if keyword != Depends && keyword != TestDepends {
		return nil, fmt.Errorf("%s: %w", keyword, ErrSafeMode)
	}
	path := filepath.Join(t.ModuleDir(name), "_info")
	src, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("could not open %s: %w", path, err)
	}
	return SafeScan(src, keyword), nil
}

// SplitOutput splits _info output into lines the way the original tools
// do: on "\n", where a trailing newline does not add an empty item but
// blank lines in the middle do.
func SplitOutput(out []byte) []string {
	s := string(out)
	if s == "" {
		return nil
	}
	s = strings.TrimSuffix(s, "\n")
	return strings.Split(s, "\n")
}

// Memo wraps a Querier and remembers its answers for the life of the
// value. It is safe for concurrent use.
type Memo struct {
	Q  Querier
	mu sync.Mutex
	m  map[[3]string]memoEntry
}

type memoEntry struct {
	lines []string
	err   error
}

// Query implements Querier.
func (q *Memo) Query(ctx context.Context, t *Tree, name, keyword string) ([]string, error) {
	key := [3]string{t.Dir, name, keyword}
	q.mu.Lock()
	e, ok := q.m[key]
	q.mu.Unlock()
	if ok {
		return e.lines, e.err
	}
	lines, err := q.Q.Query(ctx, t, name, keyword)
	if ctx.Err() != nil {
		return lines, err // do not remember cancellations
	}
	q.mu.Lock()
	if q.m == nil {
		q.m = make(map[[3]string]memoEntry)
	}
	q.m[key] = memoEntry{lines, err}
	q.mu.Unlock()
	return lines, err
}
