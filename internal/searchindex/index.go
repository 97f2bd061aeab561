// Package searchindex is the archive's full-text search, in memory: an
// inverted index over every module's latest name, summary, description
// (with the example) and function names, ranked the way the store
// interface promises (store.Reader.Search): by tier (exact name, name
// prefix, every term in the name or summary, elsewhere), then more
// direct reverse dependencies first, then bm25, then name.
//
// It is backend-neutral: a store loads its modules' summaries and text
// into New whenever they change and asks the Index; no query language
// or database is involved at query time, which is what makes a search
// of a 10,000-module archive cost tens of microseconds.
//
// Matching and bm25 are SQLite FTS5's, which search used before and the
// tests take as the reference: text is split into tokens as FTS5's
// unicode61 tokenizer does (Tokenize); each query term is a phrase of
// its tokens ("list_add" matches "list" followed by "add" in one field),
// the last term's last token also matches as a prefix, and a module
// matches when every term does (the FTS5 query "t1" AND "t2"*); bm25 is
// FTS5's bm25() operation for operation (k1 1.2, b 0.75, document length
// over all fields) with the field weights name 10, summary 5, body 1,
// functions 2, but for the logarithm, whose last bit may differ.
package searchindex

import (
	"slices"
	"strings"
	"sync"
	"unsafe"

	"github.com/ccan-archive/ccan/internal/store"
)

// The fields of a module's text, in the order bm25 weighs them.
const (
	FieldName      = iota
	FieldSummary   // the one-line summary
	FieldBody      // the description and the example
	FieldFunctions // the function names from the header docs
	NumFields
)

// weights are bm25's field weights.
var weights = [NumFields]float64{10, 5, 1, 2}

// titleFields are the fields of tier 2 (store.TierSummary).
const titleFields = 1<<FieldName | 1<<FieldSummary

// Module is one module's latest version as search sees it.
type Module struct {
	// Summary is what a result returns; its Name and ReverseDeps rank
	// it. The Index keeps the pointer: do not modify it afterwards.
	Summary *store.ModuleSummary
	// TextKey identifies Text: equal keys promise equal text (the
	// SQLite store uses the latest version's row id). See Reusable.
	TextKey int64
	// Text holds the fields, indexed by FieldName...FieldFunctions.
	Text [NumFields]string
}

// Index is an immutable search index, safe for concurrent use.
type Index struct {
	mods  []*store.ModuleSummary // by document number
	keys  []int64                // the modules' TextKeys
	rdeps []uint32               // mods[d].ReverseDeps, saturated
	// names lists the documents by ASCII-lower-cased name, for name
	// prefix matches (ignoring ASCII case, as SQL LIKE does).
	names []nameDoc
	// nameOrder is each document's position in name order, the last
	// tie-break.
	nameOrder []uint32
	// terms are the distinct tokens, sorted: a term's number is its
	// position, so the terms with a prefix are a range of numbers.
	terms []string
	// posts[postOff[t]:postOff[t+1]] are the documents holding term t,
	// in document order.
	postOff []uint32
	posts   []posting
	// toks are every document's tokens as term numbers, field after
	// field: field f of document d is toks[fieldOff[d*NumFields+f]:
	// fieldOff[d*NumFields+f+1]]. Phrases of several tokens are checked
	// against them.
	fieldOff []uint32
	toks     []uint32
	avgdl    float64 // tokens per document
	scratch  sync.Pool
}

type nameDoc struct {
	folded string
	doc    uint32
}

// posting is one document holding a term, with how often each field
// holds it (saturatedCount: count the field's tokens).
type posting struct {
	doc uint32
	n   [NumFields]uint8
}

const saturatedCount = 255

// New indexes mods (each Summary non-nil).
func New(mods []Module) *Index {
	ix := &Index{fieldOff: make([]uint32, len(mods)*NumFields+1)}
	size := 0
	for _, m := range mods {
		for _, text := range m.Text {
			size += len(text)
		}
	}
	ix.toks = make([]uint32, 0, size/5) // English: 6 bytes a word and its space
	byText := map[string]uint32{}
	var terms []string // in order of appearance
	for d, m := range mods {
		for f, text := range m.Text {
			Tokenize(text, func(tok []byte) {
				t, ok := byText[string(tok)]
				if !ok {
					t = uint32(len(terms))
					s := string(tok)
					byText[s] = t
					terms = append(terms, s)
				}
				ix.toks = append(ix.toks, t)
			})
			ix.fieldOff[d*NumFields+f+1] = uint32(len(ix.toks))
		}
	}
	if len(mods) > 0 {
		ix.avgdl = float64(len(ix.toks)) / float64(len(mods))
	}
	ix.sortTerms(terms)
	ix.buildPostings(len(mods))
	ix.setSummaries(mods)
	return ix
}

// Reusable reports whether mods are the modules of ix with the same
// text, in the same order: the same TextKeys. Then WithSummaries can
// index them without their Text.
func (ix *Index) Reusable(mods []Module) bool {
	if len(mods) != len(ix.keys) {
		return false
	}
	for d, m := range mods {
		if m.TextKey != ix.keys[d] {
			return false
		}
	}
	return true
}

// WithSummaries returns an index of ix's text with mods' summaries,
// which is much cheaper than New: when a lint score or a reverse
// dependency count changes, no text is read again. Reusable(mods) must
// hold; their Text is ignored.
func (ix *Index) WithSummaries(mods []Module) *Index {
	if !ix.Reusable(mods) {
		panic("searchindex: WithSummaries of other modules")
	}
	nx := &Index{terms: ix.terms, postOff: ix.postOff, posts: ix.posts, fieldOff: ix.fieldOff, toks: ix.toks, avgdl: ix.avgdl}
	nx.setSummaries(mods)
	return nx
}

// setSummaries sets what ranks and describes the documents.
func (ix *Index) setSummaries(mods []Module) {
	n := len(mods)
	ix.mods = make([]*store.ModuleSummary, n)
	ix.keys = make([]int64, n)
	ix.rdeps = make([]uint32, n)
	ix.names = make([]nameDoc, n)
	byName := make([]uint32, n)
	for d, m := range mods {
		ix.mods[d], ix.keys[d] = m.Summary, m.TextKey
		ix.rdeps[d] = uint32(min(max(m.Summary.ReverseDeps, 0), 1<<32-1))
		ix.names[d] = nameDoc{folded: asciiLower(m.Summary.Name), doc: uint32(d)}
		byName[d] = uint32(d)
	}
	slices.SortFunc(ix.names, func(a, b nameDoc) int { return strings.Compare(a.folded, b.folded) })
	slices.SortFunc(byName, func(a, b uint32) int { return strings.Compare(ix.mods[a].Name, ix.mods[b].Name) })
	ix.nameOrder = make([]uint32, n)
	for pos, d := range byName {
		ix.nameOrder[d] = uint32(pos)
	}
	ix.scratch.New = func() any { return newScratch(uint32(n)) }
}

// sortTerms numbers the terms in sorted order and renumbers toks.
func (ix *Index) sortTerms(terms []string) {
	order := make([]uint32, len(terms)) // sorted position -> first number
	for i := range order {
		order[i] = uint32(i)
	}
	slices.SortFunc(order, func(a, b uint32) int { return strings.Compare(terms[a], terms[b]) })
	renumber := make([]uint32, len(terms))
	ix.terms = make([]string, len(terms))
	for pos, t := range order {
		renumber[t] = uint32(pos)
		ix.terms[pos] = terms[t]
	}
	for i, t := range ix.toks {
		ix.toks[i] = renumber[t]
	}
}

// buildPostings fills postOff and posts from the toks of n documents.
func (ix *Index) buildPostings(n int) {
	nt := len(ix.terms)
	last := make([]uint32, nt) // 1 + the last document counted for a term
	ix.postOff = make([]uint32, nt+1)
	for d := range n {
		for _, t := range ix.docToks(uint32(d)) {
			if last[t] != uint32(d)+1 {
				last[t] = uint32(d) + 1
				ix.postOff[t+1]++
			}
		}
	}
	for t := range nt {
		ix.postOff[t+1] += ix.postOff[t]
	}
	ix.posts = make([]posting, ix.postOff[nt])
	next := slices.Clone(ix.postOff[:nt]) // where term t's next posting goes
	clear(last)
	for d := range n {
		for f := range NumFields {
			for _, t := range ix.fieldToks(uint32(d), f) {
				if last[t] != uint32(d)+1 {
					last[t] = uint32(d) + 1
					ix.posts[next[t]] = posting{doc: uint32(d)}
					next[t]++
				}
				if p := &ix.posts[next[t]-1]; p.n[f] < saturatedCount {
					p.n[f]++
				}
			}
		}
	}
}

// docToks returns all of document d's tokens.
func (ix *Index) docToks(d uint32) []uint32 {
	return ix.toks[ix.fieldOff[d*NumFields]:ix.fieldOff[(d+1)*NumFields]]
}

// fieldToks returns field f of document d.
func (ix *Index) fieldToks(d uint32, f int) []uint32 {
	i := int(d)*NumFields + f
	return ix.toks[ix.fieldOff[i]:ix.fieldOff[i+1]]
}

// docLen is document d's length in tokens.
func (ix *Index) docLen(d uint32) uint32 {
	return ix.fieldOff[(d+1)*NumFields] - ix.fieldOff[d*NumFields]
}

// Len returns the number of modules indexed.
func (ix *Index) Len() int { return len(ix.mods) }

// Stats describe an Index's size.
type Stats struct {
	Modules  int
	Terms    int // distinct tokens
	Tokens   int // tokens in all modules' text
	Postings int // (term, module) pairs
	Bytes    int // memory held by the index, besides the summaries
}

// Stats returns the index's size.
func (ix *Index) Stats() Stats {
	s := Stats{Modules: len(ix.mods), Terms: len(ix.terms), Tokens: len(ix.toks), Postings: len(ix.posts)}
	s.Bytes = len(ix.mods)*(8+8+4+4) + len(ix.names)*int(unsafe.Sizeof(nameDoc{})) +
		len(ix.postOff)*4 + len(ix.posts)*int(unsafe.Sizeof(posting{})) +
		len(ix.fieldOff)*4 + len(ix.toks)*4
	for _, t := range ix.terms {
		s.Bytes += int(unsafe.Sizeof(t)) + len(t)
	}
	for _, n := range ix.names {
		s.Bytes += len(n.folded)
	}
	return s
}

// asciiLower lower-cases ASCII letters only (module names are ASCII).
func asciiLower(s string) string {
	return strings.Map(func(r rune) rune {
		if 'A' <= r && r <= 'Z' {
			return r + 'a' - 'A'
		}
		return r
	}, s)
}
