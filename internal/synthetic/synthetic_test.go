package synthetic

import (
	"slices"
	"testing"
)

func TestVocabulary(t *testing.T) {
	a, b := Vocabulary(500), Vocabulary(500)
	if len(a) != 500 || !slices.Equal(a, b) {
		t.Fatalf("Vocabulary(500): %d words, same on a second call: %v", len(a), slices.Equal(a, b))
	}
	seen := map[string]bool{}
	for _, w := range a {
		if seen[w] || len(w) < 4 || len(w) > 9 {
			t.Errorf("word %q: repeated or not two or three syllables", w)
		}
		seen[w] = true
	}
	if !slices.Equal(Vocabulary(10), a[:10]) {
		t.Error("a shorter vocabulary is not a prefix of a longer one")
	}
}
