package main

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/ccan-archive/ccan/internal/derrors"
	"github.com/ccan-archive/ccan/internal/store"
)

// storeTimings prints the median time of each Reader call a module page
// or search makes, to show where uncached time goes.
func storeTimings(ctx context.Context, st store.Reader, words []string) error {
	calls := []struct {
		name string
		f    func(i int) error
	}{
		{"GetModule(list)", func(int) error { _, err := st.GetModule(ctx, "list", ""); return err }},
		{"ReverseDeps(str, direct)", func(int) error { _, err := st.ReverseDeps(ctx, "str", false); return err }},
		{"ReverseDeps(str, all)", func(int) error { _, err := st.ReverseDeps(ctx, "str", true); return err }},
		{"Versions(list)", func(int) error { _, err := st.Versions(ctx, "list"); return err }},
		{"GetLint(list)", func(int) error { _, err := st.GetLint(ctx, "list", ""); return err }},
		{"Counts", func(int) error { _, err := st.Counts(ctx); return err }},
		{"Search(word, 50)", func(i int) error { _, err := st.Search(ctx, words[i%len(words)], 50); return err }},
	}
	fmt.Printf("\nstore calls (median of 21, one at a time):\n")
	for _, c := range calls {
		var ds []time.Duration
		for i := range 21 {
			t := time.Now()
			if err := c.f(i); err != nil && !errors.Is(err, derrors.NotFound) {
				return fmt.Errorf("%s: %w", c.name, err)
			}
			ds = append(ds, time.Since(t))
		}
		slices.Sort(ds)
		fmt.Printf("  %-28s %s\n", c.name, ms(ds[len(ds)/2]))
	}
	return nil
}
