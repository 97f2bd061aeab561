package searchindex

import (
	"cmp"
	"database/sql"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/ccan-archive/ccan/internal/store"
	gocmp "github.com/google/go-cmp/cmp"
)

// mod makes a module for tests.
func mod(name string, rdeps int, summary, body, functions string) Module {
	return Module{
		Summary: &store.ModuleSummary{Name: name, Summary: summary, ReverseDeps: rdeps},
		Text:    [NumFields]string{name, summary, body, functions},
	}
}

// search returns "name:tier" for each result of query.
func search(t testing.TB, ix *Index, query string, limit int) []string {
	t.Helper()
	q, err := store.ParseQuery(query)
	if err != nil {
		t.Fatal(err)
	}
	out := []string{}
	for _, r := range ix.Search(q, limit) {
		out = append(out, fmt.Sprintf("%s:%d", r.Name, r.Tier))
	}
	return out
}

func TestSearchRanking(t *testing.T) {
	ix := New([]Module{
		mod("tcon", 9, "containers", "Works with list heads.", ""),
		mod("str", 0, "string helpers", "Nothing to see.", "str_list_strings"),
		mod("list", 5, "doubly-linked list", "A list.", "list_add list_del"),
		mod("listmap", 0, "map things", "", ""),
		mod("tlist", 1, "typesafe list", "", ""),
		mod("lqueue", 1, "a queue made of a list", "Longer text about a queue made of a list.", ""),
		mod("heap", 0, "binary heap", "Not about lists at all, but it says list once.", ""),
		mod("array", 0, "dynamic arrays", "", ""),
	})
	for _, tc := range []struct {
		query string
		limit int
		want  []string
	}{
		// exact name, name prefix, then the summary tier (more users
		// first, then bm25: "typesafe list" is shorter), then the body
		// tier by users, bm25 and name.
		{"list", 10, []string{"list:0", "listmap:1", "tlist:2", "lqueue:2", "tcon:3", "str:3", "heap:3"}},
		{"list", 3, []string{"list:0", "listmap:1", "tlist:2"}},
		{"ccan/list", 1, []string{"list:0"}},
		{"LIST", 2, []string{"list:0", "listmap:1"}},
		{"lis", 10, []string{"list:1", "listmap:1", "tlist:2", "lqueue:2", "tcon:3", "str:3", "heap:3"}}, // the last word is a prefix
		{"lis heap", 10, []string{}},                                                                     // other words are not
		{"list heap", 10, []string{"heap:3"}},                                                            // tier 2 needs every word in the name or summary
		{"heap binary", 10, []string{"heap:2"}},                                                          // like this
		{"queue list", 10, []string{"lqueue:2"}},                                                         // in any order
		{"list_add", 10, []string{"list:3"}},                                                             // a phrase: "list" then "add"
		{"list_strings", 10, []string{"str:3"}},                                                          // in the function names
		{"strings_list", 10, []string{}},                                                                 // not the other way round
		{"list_str", 10, []string{"str:3"}},                                                              // the phrase's last word is a prefix
		{"_", 10, []string{}},                                                                            // no words
		{"", 10, []string{}},                                                                             // no words
		{"array", 0, []string{}},                                                                         // no room
		{"containers nothing", 10, []string{}},                                                           // every word, in one module
		{"string helpers", 10, []string{"str:2"}},                                                        //
		{"heads", 10, []string{"tcon:3"}},                                                                //
		{"arrays", 10, []string{"array:2"}},                                                              // not a prefix of the name: tier 2
		{"arr", 10, []string{"array:1"}},                                                                 //
		{"zzz", 10, []string{}},                                                                          //
		{"a", 10, []string{"array:1", "lqueue:2", "list:3", "heap:3"}},                                   // "a", "at", "about", "all" ("tcon"'s "A" is... not there)
	} {
		if got := search(t, ix, tc.query, tc.limit); !gocmp.Equal(got, tc.want) {
			t.Errorf("Search(%q, %d) = %q, want %q", tc.query, tc.limit, got, tc.want)
		}
	}
}

func TestSearchBM25Order(t *testing.T) {
	// Same tier, same users: bm25 decides (more hits, a shorter text,
	// a heavier field), then the name.
	mods := []Module{
		mod("b", 0, "", "hash hash hash", ""),
		mod("c", 0, "", "hash and many other words that make the text long", ""),
		mod("a", 0, "", "hash and many other words that make the text long", ""),
		mod("d", 0, "", "hash or so", ""),
		mod("f", 0, "", "hash or so", "hash hash"),
		mod("e", 0, "", "other", ""), // no hit
	}
	ix := New(mods)
	if got, want := search(t, ix, "hash", 10), []string{"f:3", "b:3", "d:3", "a:3", "c:3"}; !gocmp.Equal(got, want) {
		t.Errorf("Search(hash) = %q, want %q", got, want)
	}
	newFTS(t, ix, mods).check(t, "hash")
}

func TestWithSummaries(t *testing.T) {
	mods := []Module{mod("alpha", 0, "a tool", "", ""), mod("beta", 0, "a tool", "", "")}
	for i := range mods {
		mods[i].TextKey = int64(i + 10)
	}
	ix := New(mods)
	if got, want := search(t, ix, "tool", 10), []string{"alpha:2", "beta:2"}; !gocmp.Equal(got, want) {
		t.Fatalf("Search(tool) = %q, want %q", got, want)
	}
	changed := []Module{
		{Summary: &store.ModuleSummary{Name: "alpha", Summary: "a tool", Score: 3}, TextKey: 10},
		{Summary: &store.ModuleSummary{Name: "beta", Summary: "a tool", ReverseDeps: 2}, TextKey: 11},
	}
	if !ix.Reusable(changed) {
		t.Fatal("Reusable = false for the same text keys")
	}
	nx := ix.WithSummaries(changed)
	if got, want := search(t, nx, "tool", 10), []string{"beta:2", "alpha:2"}; !gocmp.Equal(got, want) {
		t.Errorf("after WithSummaries: Search(tool) = %q, want %q", got, want)
	}
	q, _ := store.ParseQuery("tool")
	if r := nx.Search(q, 10); r[1].Score != 3 {
		t.Errorf("after WithSummaries: alpha's score %d, want 3", r[1].Score)
	}
	if got, want := search(t, ix, "tool", 10), []string{"alpha:2", "beta:2"}; !gocmp.Equal(got, want) {
		t.Errorf("the old index changed: Search(tool) = %q, want %q", got, want)
	}
	changed[1].TextKey = 12
	if ix.Reusable(changed) || ix.Reusable(changed[:1]) {
		t.Error("Reusable = true for other text")
	}
}

func TestSearchEmptyIndex(t *testing.T) {
	if got := search(t, New(nil), "list", 10); len(got) != 0 {
		t.Errorf("Search of an empty index = %q", got)
	}
}

func TestSaturatedCounts(t *testing.T) {
	// 300 "x" in one body: more than a posting counts.
	ix := New([]Module{mod("many", 0, "", strings.Repeat("x ", 300)+"xy", ""), mod("one", 0, "", "x y z", "")})
	fts := newFTS(t, ix, []Module{mod("many", 0, "", strings.Repeat("x ", 300)+"xy", ""), mod("one", 0, "", "x y z", "")})
	for _, query := range []string{"x", "y x"} {
		fts.check(t, query)
	}
}

// TestSearchMatchesFTS5 compares Search with SQLite FTS5 on generated
// modules whose few words make many hits, ties and phrases, at limits
// that cut through tied groups: the same modules in the same order, and
// the same bm25 values.
func TestSearchMatchesFTS5(t *testing.T) {
	words := []string{"ka", "kalo", "kalomi", "lo", "mine", "su", "suta", "ri", "po", "ve", "Zu", "bra", "clé", "dro", "fin", "gal", "a"}
	r := rand.New(rand.NewPCG(5, 6))
	pick := func(n int, sep string) string {
		var b []string
		for range n {
			b = append(b, words[r.IntN(len(words))])
		}
		return strings.Join(b, sep)
	}
	var mods []Module
	for i := range 400 {
		name := fmt.Sprintf("%s_%s%d", strings.ToLower(words[r.IntN(len(words))]), strings.ToLower(words[r.IntN(len(words))]), i)
		if i%40 == 0 {
			name = strings.ToLower(words[i/40])
		}
		fns := name + "_" + pick(1+r.IntN(2), "_") + " " + pick(1, "")
		mods = append(mods, mod(name, r.IntN(3)*r.IntN(3), pick(1+r.IntN(4), " "), pick(r.IntN(30), " ")+".\n"+pick(3, "_"), fns))
	}
	ix := New(mods)
	fts := newFTS(t, ix, mods)
	queries := append([]string{}, words...)
	queries = append(queries, "k", "kalo_", "ka_lo", "ka_lo_mi", "lo_k", "ccan/ka", "zu dro fin", "su ka", "cle", "mi", "nothing", "a_a", "ka ka_lo", "kalo_mi0")
	for range 100 {
		queries = append(queries, pick(1+r.IntN(3), []string{" ", "_"}[r.IntN(2)]))
	}
	for _, q := range queries {
		fts.check(t, q)
	}
}

// FuzzSearch compares Search with SQLite FTS5 on modules and queries
// from the fuzzer.
func FuzzSearch(f *testing.F) {
	f.Add("list", "doubly linked list", "list_add(h, n) adds.", "list_add list_del", "list_a")
	f.Add("str/hex", "Hex strings", "Café naïve hex_encode", "hex_encode", "hex str")
	f.Add("a", "a a a", "a_a a", "", "a_a")
	db := openSQLite(f)
	f.Fuzz(func(t *testing.T, name, summary, body, functions, query string) {
		if store.CheckModuleName(name) != nil {
			name = "m"
		}
		mods := []Module{
			mod(name, 1, summary, body, functions),
			mod("other", 0, body, functions, summary),
			mod("third", 1, summary+" "+functions, name, body),
		}
		ix := New(mods)
		q, err := store.ParseQuery(query)
		if err != nil {
			return
		}
		ix.Search(q, 3) // must not panic
		if !utf8Valid(name, summary, body, functions) {
			return
		}
		fts := &ftsRef{db: db, ix: ix, mods: mods}
		fts.load(t)
		fts.check(t, query)
	})
}

// utf8Valid reports whether SQLite reads every s as Go does: valid
// UTF-8 without NUL.
func utf8Valid(ss ...string) bool {
	for _, s := range ss {
		if !utf8.ValidString(s) || strings.ContainsRune(s, 0) {
			return false
		}
	}
	return true
}

// ftsRef is the reference: the same modules in an FTS5 table, ranked
// the slow way.
type ftsRef struct {
	db   *sql.DB
	ix   *Index
	mods []Module
}

func newFTS(t *testing.T, ix *Index, mods []Module) *ftsRef {
	r := &ftsRef{db: openSQLite(t), ix: ix, mods: mods}
	r.load(t)
	return r
}

// load (re)creates the FTS5 table ref, rowid = document + 1.
func (r *ftsRef) load(t testing.TB) {
	t.Helper()
	for _, q := range []string{
		`DROP TABLE IF EXISTS ref`,
		`CREATE VIRTUAL TABLE ref USING fts5(name, summary, body, functions, tokenize = 'unicode61')`,
	} {
		if _, err := r.db.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	for d, m := range r.mods {
		if _, err := r.db.Exec(`INSERT INTO ref(rowid, name, summary, body, functions) VALUES (?, ?, ?, ?, ?)`,
			d+1, m.Text[0], m.Text[1], m.Text[2], m.Text[3]); err != nil {
			t.Fatal(err)
		}
	}
}

// check compares Search(query) with the reference at several limits,
// and the bm25 of every hit.
func (r *ftsRef) check(t testing.TB, query string) {
	t.Helper()
	q, err := store.ParseQuery(query)
	if err != nil {
		t.Fatal(err)
	}
	if len(q.Terms) == 0 {
		return
	}
	match := ftsQuery(q.Terms)
	ranks := map[int]float64{}
	r.scan(t, `SELECT rowid - 1, bm25(ref, 10.0, 5.0, 1.0, 2.0) FROM ref WHERE ref MATCH ?`, match, func(d int, rank float64) { ranks[d] = rank })
	title := map[int]bool{}
	r.scan(t, `SELECT rowid - 1, 0 FROM ref WHERE ref MATCH ?`, "{name summary} : ("+match+")", func(d int, _ float64) { title[d] = true })

	// bm25, as the index computes it.
	sc := r.ix.scratch.Get().(*scratch)
	got := r.ix.match(q.Terms, sc)
	if len(got) != len(ranks) {
		t.Errorf("query %q: %d text hits, FTS5 %d", query, len(got), len(ranks))
	}
	for _, c := range got {
		// The same but for the last bit of the logarithm in the inverse
		// document frequency (Go's math.Log, C's log): the order of the
		// modules of one query may then differ only where their bm25
		// differs in the last bits, which the reference below ignores
		// by taking the index's values.
		want, ok := ranks[int(c.doc)]
		if !ok || math.Abs(c.rank-want) > 1e-14*math.Abs(want) {
			t.Errorf("query %q: %s: bm25 %v, FTS5 %v (hit %v)", query, r.mods[c.doc].Summary.Name, c.rank, want, ok)
		}
		ranks[int(c.doc)] = c.rank
		if (c.tier == store.TierSummary) != title[int(c.doc)] {
			t.Errorf("query %q: %s: tier %d, FTS5 title match %v", query, r.mods[c.doc].Summary.Name, c.tier, title[int(c.doc)])
		}
	}
	r.ix.scratch.Put(sc)

	// The order: rank every match, sort, cut.
	type hit struct {
		name  string
		tier  int
		rdeps int
		rank  float64
	}
	var all []hit
	for d, m := range r.mods {
		ms := m.Summary
		h := hit{name: ms.Name, tier: -1, rdeps: ms.ReverseDeps, rank: ranks[d]}
		switch {
		case q.Name != "" && ms.Name == q.Name:
			h.tier = store.TierExactName
		case q.Name != "" && strings.HasPrefix(strings.ToLower(ms.Name), q.Name):
			h.tier = store.TierNamePrefix
		case title[d]:
			h.tier = store.TierSummary
		default:
			if _, ok := ranks[d]; ok {
				h.tier = store.TierBody
			}
		}
		if h.tier >= 0 {
			all = append(all, h)
		}
	}
	slices.SortFunc(all, func(a, b hit) int {
		return cmp.Or(cmp.Compare(a.tier, b.tier), cmp.Compare(b.rdeps, a.rdeps), cmp.Compare(a.rank, b.rank), strings.Compare(a.name, b.name))
	})
	for _, limit := range []int{1, 3, 10, 50, len(r.mods)} {
		want := []string{}
		for _, h := range all[:min(limit, len(all))] {
			want = append(want, fmt.Sprintf("%s:%d", h.name, h.tier))
		}
		if got := search(t, r.ix, query, limit); !gocmp.Equal(got, want) {
			t.Errorf("Search(%q, %d) (-FTS5 +got):\n%s", query, limit, gocmp.Diff(want, got))
		}
	}
}

func (r *ftsRef) scan(t testing.TB, query, arg string, fn func(int, float64)) {
	t.Helper()
	rows, err := r.db.Query(query, arg)
	if err != nil {
		t.Fatalf("%s [%s]: %v", query, arg, err)
	}
	defer rows.Close()
	for rows.Next() {
		var d int
		var rank float64
		if err := rows.Scan(&d, &rank); err != nil {
			t.Fatal(err)
		}
		fn(d, rank)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
}

// ftsQuery is the FTS5 query that Search means: every term as a
// phrase, the last one also as a prefix.
func ftsQuery(terms []string) string {
	parts := make([]string, len(terms))
	for i, t := range terms {
		parts[i] = `"` + t + `"`
	}
	parts[len(parts)-1] += "*"
	return strings.Join(parts, " AND ")
}
