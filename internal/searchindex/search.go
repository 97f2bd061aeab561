package searchindex

import (
	"cmp"
	"math"
	"math/bits"
	"slices"
	"sort"
	"strings"

	"github.com/ccan-archive/ccan/internal/store"
)

// Search returns the modules that match q, best first, at most limit
// of them: the modules named q.Name (store.TierExactName) or whose name
// starts with it (store.TierNamePrefix), and those whose text holds
// every term (store.TierSummary when each term is in the name or
// summary, else store.TierBody); then more reverse dependencies first,
// then bm25 (a module matched by name alone ranks as 0, after any
// text match), then name. A query without terms matches nothing.
func (ix *Index) Search(q *store.Query, limit int) []*store.SearchResult {
	if len(q.Terms) == 0 || limit <= 0 || len(ix.mods) == 0 {
		return []*store.SearchResult{}
	}
	sc := ix.scratch.Get().(*scratch)
	defer ix.scratch.Put(sc)
	top := topK{ix: ix, limit: limit, best: sc.best[:0]}
	defer func() { sc.best = top.best }()
	text := ix.match(q.Terms, sc)
	names := ix.nameMatches(q.Name, sc.names[:0])
	sc.names = names
	// Both lists are in document order: merge them.
	i := 0
	for _, c := range text {
		for i < len(names) && names[i].doc < c.doc {
			top.add(names[i])
			i++
		}
		if i < len(names) && names[i].doc == c.doc {
			c.tier = names[i].tier
			i++
		}
		top.add(c)
	}
	for ; i < len(names); i++ {
		top.add(names[i])
	}
	out := make([]*store.SearchResult, len(top.best))
	res := make([]store.SearchResult, len(top.best))
	for i, c := range top.best {
		res[i] = store.SearchResult{ModuleSummary: *ix.mods[c.doc], Tier: int(c.tier)}
		out[i] = &res[i]
	}
	return out
}

// candidate is a matching document with what ranks it.
type candidate struct {
	key  uint64  // tier, then reverse dependencies descending (set by topK.add)
	rank float64 // bm25: <= 0, lower is better; 0 for a name match alone
	doc  uint32
	tier uint8
}

// nameMatches appends to dst the documents whose name is name (tier 0)
// or starts with it (tier 1), ignoring ASCII case, in document order.
func (ix *Index) nameMatches(name string, dst []candidate) []candidate {
	if name == "" {
		return dst
	}
	i := sort.Search(len(ix.names), func(i int) bool { return ix.names[i].folded >= name })
	for ; i < len(ix.names) && strings.HasPrefix(ix.names[i].folded, name); i++ {
		d := ix.names[i].doc
		tier := uint8(store.TierNamePrefix)
		if ix.mods[d].Name == name {
			tier = store.TierExactName
		}
		dst = append(dst, candidate{doc: d, tier: tier})
	}
	slices.SortFunc(dst, func(a, b candidate) int { return cmp.Compare(a.doc, b.doc) })
	return dst
}

// topK keeps the best limit candidates, in order.
type topK struct {
	ix    *Index
	limit int
	best  []candidate
}

func (t *topK) add(c candidate) {
	c.key = uint64(c.tier)<<32 | uint64(^t.ix.rdeps[c.doc])
	n := len(t.best)
	if n == t.limit && t.ix.compare(&c, &t.best[n-1]) >= 0 {
		return
	}
	lo, hi := 0, n // insert before the first that c beats
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if t.ix.compare(&c, &t.best[m]) >= 0 {
			lo = m + 1
		} else {
			hi = m
		}
	}
	if n < t.limit {
		t.best = append(t.best, candidate{})
	}
	copy(t.best[lo+1:], t.best[lo:])
	t.best[lo] = c
}

// compare orders candidates: tier, more reverse dependencies (both in
// key), bm25, name.
func (ix *Index) compare(a, b *candidate) int {
	if a.key != b.key {
		return cmp.Compare(a.key, b.key)
	}
	if a.rank != b.rank {
		return cmp.Compare(a.rank, b.rank)
	}
	return cmp.Compare(ix.nameOrder[a.doc], ix.nameOrder[b.doc])
}

// tokenRange is the terms a query token matches: [lo, hi).
type tokenRange struct{ lo, hi uint32 }

// hit is a document holding a phrase.
type hit struct {
	doc  uint32
	mask uint8   // the fields holding it
	freq float64 // its occurrences, each weighted by its field's weight
}

// match returns the documents holding every term, in document order,
// with tier TierSummary or TierBody and their bm25.
func (ix *Index) match(terms []string, sc *scratch) []candidate {
	phrases := make([][]tokenRange, len(terms))
	for i, term := range terms {
		var toks []string
		Tokenize(term, func(tok []byte) { toks = append(toks, string(tok)) })
		if len(toks) == 0 {
			return nil // as in FTS5, a phrase without tokens matches nothing
		}
		for j, tok := range toks {
			r := ix.exact(tok)
			if i == len(terms)-1 && j == len(toks)-1 {
				r = ix.prefix(tok) // the query's last token
			}
			if r.lo == r.hi {
				return nil
			}
			phrases[i] = append(phrases[i], r)
		}
	}
	// bm25 exactly as FTS5's bm25() computes it (fts5_aux.c), operation
	// for operation: variables, not constants, so that k1+1 is rounded
	// as in C.
	k1, b := 1.2, 0.75
	nRow := int64(len(ix.mods))
	var cands []candidate
	for i, p := range phrases {
		hits := ix.phraseHits(p, sc, sc.hits[i][:0])
		sc.hits[i] = hits
		nHit := int64(len(hits))
		// bm25's inverse document frequency, as FTS5 computes it.
		idf := math.Log((float64(nRow-nHit) + 0.5) / (float64(nHit) + 0.5))
		if idf <= 0 {
			idf = 1e-6
		}
		score := func(h hit) float64 {
			D := float64(ix.docLen(h.doc))
			return float64(idf * (float64(h.freq*(k1+1)) / (h.freq + float64(k1*(1-b+float64(b*D)/ix.avgdl)))))
		}
		if i == 0 {
			cands = sc.cands[:0]
			for _, h := range hits {
				cands = append(cands, candidate{doc: h.doc, tier: tierOf(h.mask, store.TierSummary), rank: score(h)})
			}
			sc.cands = cands
			continue
		}
		// Keep the candidates that hold this phrase too.
		kept := cands[:0]
		j := 0
		for _, c := range cands {
			for j < len(hits) && hits[j].doc < c.doc {
				j++
			}
			if j == len(hits) {
				break
			}
			if h := hits[j]; h.doc == c.doc {
				c.tier = tierOf(h.mask, c.tier)
				c.rank += score(h)
				kept = append(kept, c)
			}
		}
		cands = kept
	}
	for i := range cands {
		cands[i].rank = -1.0 * cands[i].rank
	}
	return cands
}

// tierOf returns tier, or TierBody when a phrase is in neither the name
// nor the summary.
func tierOf(mask uint8, tier uint8) uint8 {
	if mask&titleFields == 0 {
		return store.TierBody
	}
	return tier
}

// exact returns the term tok, as a range (empty when not indexed).
func (ix *Index) exact(tok string) tokenRange {
	i, found := slices.BinarySearch(ix.terms, tok)
	if !found {
		return tokenRange{uint32(i), uint32(i)}
	}
	return tokenRange{uint32(i), uint32(i) + 1}
}

// prefix returns the terms starting with tok.
func (ix *Index) prefix(tok string) tokenRange {
	lo, _ := slices.BinarySearch(ix.terms, tok)
	n := sort.Search(len(ix.terms)-lo, func(i int) bool { return !strings.HasPrefix(ix.terms[lo+i], tok) })
	return tokenRange{uint32(lo), uint32(lo + n)}
}

// postings returns the documents holding term t.
func (ix *Index) postings(t uint32) []posting {
	return ix.posts[ix.postOff[t]:ix.postOff[t+1]]
}

// phraseHits appends to hits the documents holding the phrase, in
// document order.
func (ix *Index) phraseHits(p []tokenRange, sc *scratch, hits []hit) []hit {
	if len(p) > 1 {
		return ix.multiHits(p, hits)
	}
	r := p[0]
	if r.hi-r.lo == 1 {
		for _, po := range ix.postings(r.lo) {
			hits = append(hits, ix.postingHit(po, r))
		}
		return hits
	}
	// Several terms (a prefix): add them up per document.
	for t := r.lo; t < r.hi; t++ {
		for _, po := range ix.postings(t) {
			h := ix.postingHit(po, tokenRange{t, t + 1})
			w, bit := po.doc/64, uint64(1)<<(po.doc%64)
			if sc.bits[w]&bit == 0 {
				sc.bits[w] |= bit
				sc.mask[po.doc], sc.freq[po.doc] = h.mask, h.freq
			} else {
				sc.mask[po.doc] |= h.mask
				sc.freq[po.doc] += h.freq
			}
		}
	}
	for w, word := range sc.bits {
		for word != 0 {
			d := uint32(w*64 + bits.TrailingZeros64(word))
			word &= word - 1
			hits = append(hits, hit{doc: d, mask: sc.mask[d], freq: sc.freq[d]})
		}
		sc.bits[w] = 0
	}
	return hits
}

// postingHit is the hit of a one-token phrase matching r from a
// posting of one of r's terms.
func (ix *Index) postingHit(po posting, r tokenRange) hit {
	h := hit{doc: po.doc, mask: anyField(po)}
	n := po.n
	if n[0] == saturatedCount || n[1] == saturatedCount || n[2] == saturatedCount || n[3] == saturatedCount {
		for f, c := range n {
			count := int(c)
			if c == saturatedCount {
				count = 0
				for _, t := range ix.fieldToks(po.doc, f) {
					if r.lo <= t && t < r.hi {
						count++
					}
				}
			}
			h.freq += float64(count) * weights[f]
		}
		return h
	}
	h.freq = float64(n[0])*weights[0] + float64(n[1])*weights[1] + float64(n[2])*weights[2] + float64(n[3])*weights[3]
	return h
}

// multiHits returns the documents holding a phrase of several tokens:
// those holding each of its whole-word tokens (the rarest first) are
// checked for the sequence, field by field.
func (ix *Index) multiHits(p []tokenRange, hits []hit) []hit {
	var lists [][]posting // the postings of each single-term token, shortest first
	for _, r := range p {
		if r.hi-r.lo == 1 {
			lists = append(lists, ix.postings(r.lo))
		}
	}
	slices.SortFunc(lists, func(a, b []posting) int { return cmp.Compare(len(a), len(b)) })
	pos := make([]int, len(lists))
next:
	for _, po := range lists[0] {
		fields := anyField(po)
		for i, l := range lists[1:] {
			j := pos[i+1]
			for j < len(l) && l[j].doc < po.doc {
				j++
			}
			pos[i+1] = j
			if j == len(l) {
				break next
			}
			if l[j].doc != po.doc {
				continue next
			}
			fields &= anyField(l[j])
		}
		h := hit{doc: po.doc}
		for f := range NumFields {
			if fields&(1<<f) == 0 {
				continue
			}
			if n := countPhrase(ix.fieldToks(po.doc, f), p); n > 0 {
				h.mask |= 1 << f
				h.freq += float64(n) * weights[f]
			}
		}
		if h.mask != 0 {
			hits = append(hits, h)
		}
	}
	return hits
}

// anyField returns the fields a posting's term is in, as a mask.
func anyField(po posting) uint8 {
	var m uint8
	if po.n[0] != 0 {
		m |= 1
	}
	if po.n[1] != 0 {
		m |= 2
	}
	if po.n[2] != 0 {
		m |= 4
	}
	if po.n[3] != 0 {
		m |= 8
	}
	return m
}

// countPhrase counts where toks holds the phrase p.
func countPhrase(toks []uint32, p []tokenRange) int {
	n := 0
	for i := 0; i+len(p) <= len(toks); i++ {
		ok := true
		for j, r := range p {
			if t := toks[i+j]; t < r.lo || t >= r.hi {
				ok = false
				break
			}
		}
		if ok {
			n++
		}
	}
	return n
}

// scratch is one search's working memory, sized for the index.
type scratch struct {
	bits  []uint64 // documents seen while adding up a prefix's terms
	mask  []uint8
	freq  []float64
	hits  [store.MaxQueryTerms][]hit
	cands []candidate
	names []candidate
	best  []candidate
}

func newScratch(n uint32) *scratch {
	return &scratch{bits: make([]uint64, (n+63)/64), mask: make([]uint8, n), freq: make([]float64, n)}
}
