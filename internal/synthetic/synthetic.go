// Package synthetic makes deterministic made-up text for benchmarks: a
// search index or an archive with thousands of modules needs words
// that repeat like real ones without copying any real module.
package synthetic

import (
	"math/rand/v2"
	"strings"
)

// Vocabulary returns n distinct pseudo-words of two or three syllables,
// the same n words on every call.
func Vocabulary(n int) []string {
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
