package examplesutil

import "github.com/ccan-archive/ccan/internal/lint"

// Result fetches a requirement's result as T, whether the requirement
// returned T or *T.
func Result[T any](p *lint.Pass, c *lint.Check) (T, bool) {
	if v, ok := lint.ResultAs[T](p, c); ok {
		return v, true
	}
	if v, ok := lint.ResultAs[*T](p, c); ok && v != nil {
		return *v, true
	}
	var zero T
	return zero, false
}
