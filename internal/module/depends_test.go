package module

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// tableQuerier answers from a table: module -> keyword -> lines. It stands
// in for _info programs so that the traversal rules can be tested alone;
// the real compiled path is tested in compile_test.go.
type tableQuerier map[string]map[string][]string

func (q tableQuerier) Query(_ context.Context, _ *Tree, name, kw string) ([]string, error) {
	m, ok := q[name]
	if !ok {
		return nil, fmt.Errorf("ccan/%s: no such module", name)
	}
	return m[kw], nil
}

func TestDeps(t *testing.T) {
	q := tableQuerier{
		"a":   {"depends": {"ccan/b", "ccan/c", "Judy"}, "testdepends": {"ccan/d", "ccan/a"}},
		"b":   {"depends": {"ccan/c", "ccan/e"}},
		"c":   {"depends": {"ccan/e"}},
		"d":   {"depends": {"ccan/a"}},
		"e":   {},
		"cyc": {"depends": {"ccan/x"}},
		"x":   {"depends": {"ccan/y"}},
		"y":   {"depends": {"ccan/x"}},
		"dup": {"depends": {"ccan/e", "ccan/e", "ccan/e"}},
	}
	tests := []struct {
		name string
		opts DepsOptions
		want []string
	}{
		{"a", DepsOptions{}, []string{"ccan/b", "ccan/c", "Judy", "ccan/e"}},
		{"a", DepsOptions{Direct: true}, []string{"ccan/b", "ccan/c", "Judy"}},
		// Test dependencies may lead back to the module itself: not a cycle.
		{"a", DepsOptions{Style: TestDepends}, []string{"ccan/d", "ccan/a", "ccan/b", "ccan/c", "Judy", "ccan/e"}},
		{"e", DepsOptions{}, nil},
		{"dup", DepsOptions{}, []string{"ccan/e"}},
	}
	for _, tc := range tests {
		got, err := Deps(context.Background(), q, &Tree{}, tc.name, tc.opts)
		if err != nil {
			t.Errorf("Deps(%s, %+v): %v", tc.name, tc.opts, err)
			continue
		}
		if diff := cmp.Diff(tc.want, got); diff != "" {
			t.Errorf("Deps(%s, %+v) mismatch (-want +got):\n%s", tc.name, tc.opts, diff)
		}
	}
	_, err := Deps(context.Background(), q, &Tree{}, "cyc", DepsOptions{})
	var ce *CycleError
	if !errors.As(err, &ce) {
		t.Fatalf("Deps(cyc) err = %v, want a CycleError", err)
	}
	if diff := cmp.Diff([]string{"ccan/x", "ccan/y", "ccan/x"}, ce.Path); diff != "" {
		t.Errorf("cycle path mismatch (-want +got):\n%s", diff)
	}
	if _, err := Deps(context.Background(), tableQuerier{"m": {"depends": {"ccan/gone"}}}, &Tree{}, "m", DepsOptions{}); err == nil {
		t.Errorf("missing dependency: want an error")
	}
}
