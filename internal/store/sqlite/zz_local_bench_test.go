package sqlite

import (
	"context"
	"math/rand/v2"
	"os"
	"strings"
	"testing"
)

func benchVocab(n int) []string {
	syl := []string{"ka", "lo", "mi", "ne", "su", "ta", "ri", "po", "ve", "zu", "bra", "cle", "dro", "fin", "gal", "hex", "jor", "lin", "mup", "nox"}
	r := rand.New(rand.NewPCG(1, 2))
	seen := map[string]bool{}
	var words []string
	for len(words) < n {
		var b strings.Builder
		for range 2 + r.IntN(2) {
			b.WriteString(syl[r.IntN(len(syl))])
		}
		if w := b.String(); !seen[w] {
			seen[w] = true
			words = append(words, w)
		}
	}
	return words
}

func BenchmarkLocalSearch(b *testing.B) {
	path := os.Getenv("LOCAL_BENCH_DB")
	if path == "" {
		b.Skip()
	}
	s, err := Open(context.Background(), path)
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	s.db.SetMaxOpenConns(1)
	if p := os.Getenv("LOCAL_PRAGMA"); p != "" {
		for _, q := range strings.Split(p, ";") {
			if _, err := s.db.Exec(q); err != nil {
				b.Fatal(err)
			}
		}
	}
	words := benchVocab(2000)[:1000]
	i := 0
	for b.Loop() {
		if _, err := s.Search(context.Background(), words[i%len(words)], 50); err != nil {
			b.Fatal(err)
		}
		i++
	}
}
