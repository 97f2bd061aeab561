package searchindex

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/ccan-archive/ccan/internal/store"
)

// synthetic returns n modules like bench/servebench's: names, summaries,
// descriptions and function names made of a vocabulary of pseudo-words,
// and reverse dependencies from 0 to a few.
func synthetic(n int) ([]Module, []string) {
	syl := []string{"ka", "lo", "mi", "ne", "su", "ta", "ri", "po", "ve", "zu", "bra", "cle", "dro", "fin", "gal", "hex", "jor", "lin", "mup", "nox"}
	r := rand.New(rand.NewPCG(1, 2))
	seen := map[string]bool{}
	var words []string
	for len(words) < 2000 {
		var b strings.Builder
		for range 2 + r.IntN(2) {
			b.WriteString(syl[r.IntN(len(syl))])
		}
		if w := b.String(); !seen[w] {
			seen[w] = true
			words = append(words, w)
		}
	}
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
	mods, _ := synthetic(10000)
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
	mods, words := synthetic(10000)
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
