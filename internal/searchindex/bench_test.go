package searchindex

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/ccan-archive/ccan/internal/store"
	"github.com/ccan-archive/ccan/internal/synthetic"
)

// syntheticModules returns n modules like bench/servebench's: names, summaries,
// descriptions and function names made of a vocabulary of pseudo-words,
// and reverse dependencies from 0 to a few.
func syntheticModules(n int) ([]Module, []string) {
	words := synthetic.Vocabulary(2000)
	r := rand.New(rand.NewPCG(1, 2))
	pick := func(k int) string {
		out := make([]string, k)
		for i := range out {
			out[i] = words[r.IntN(len(words))]
		}
		return strings.Join(out, " ")
	}
	mods := make([]Module, n)
	for i := range mods {
		name := fmt.Sprintf("%s_%s%d", words[r.IntN(len(words))], words[r.IntN(len(words))], i)
		var fns []string
		for range 5 {
			fns = append(fns, name+"_"+words[r.IntN(len(words))])
		}
		ms := &store.ModuleSummary{Name: name, Version: "1.0.0", Summary: pick(6), License: "BSD-MIT", ReverseDeps: r.IntN(4) * r.IntN(4)}
		mods[i] = Module{Summary: ms, Text: [NumFields]string{name, ms.Summary, pick(40) + ".\n\n" + pick(40) + ".\n", strings.Join(fns, " ")}}
	}
	return mods, words
}

func BenchmarkNew(b *testing.B) {
	mods, _ := syntheticModules(10000)
	b.ReportAllocs()
	var ix *Index
	for b.Loop() {
		ix = New(mods)
	}
	st := ix.Stats()
	b.ReportMetric(float64(st.Bytes)/1e6, "MB")
	b.Logf("%+v", st)
}

func BenchmarkSearch(b *testing.B) {
	mods, words := syntheticModules(10000)
	ix := New(mods)
	var qs []*store.Query
	for _, w := range words[:1000] {
		q, err := store.ParseQuery(w)
		if err != nil {
			b.Fatal(err)
		}
		qs = append(qs, q)
	}
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		ix.Search(qs[i%len(qs)], 50)
		i++
	}
}
