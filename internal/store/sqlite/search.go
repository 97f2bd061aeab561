package sqlite

// How Search stays fast on a large archive.
//
// The order is (tier, reverse dependencies descending, bm25, name): see
// store.Tier* and docs/api.md. A common word matches thousands of
// modules; ranking them all in one statement computes bm25 for every
// hit and reads every hit's module and version rows, only to keep 20 or
// 50. Since bm25 and the name only break ties among modules of the same
// tier and reverse-dependency count, Search works in three cheap steps
// inside one read transaction (one snapshot):
//
//  1. candidates with their tier and reverse-dependency count only:
//     name matches, reverse dependencies and summaries come from an
//     in-memory snapshot of the latest versions (snapshot.go); the
//     full-text hits are bare rowids from search, and the hits whose
//     name or summary match are bare rowids from search_title, a small
//     index of names and summaries alone;
//  2. sort them by (tier, rdeps) and keep the first limit plus those
//     tied with the last one: only their order can depend on the rank;
//  3. compute bm25 for just those and sort them fully.

import (
	"cmp"
	"context"
	"database/sql"
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/ccan-archive/ccan/internal/derrors"
	"github.com/ccan-archive/ccan/internal/store"
)

// MaxSearchResults caps Search's limit.
const MaxSearchResults = 200

// searchRank are the bm25 column weights: name 10, summary 5, body 1,
// functions 2.
const searchRank = `bm25(search, 10.0, 5.0, 1.0, 2.0)`

// searchState is what Search keeps between calls.
type searchState struct {
	latest snapshotCache
	// The statements, prepared when the store opens; database/sql
	// prepares each again on a connection the first time it runs there.
	gen    *sql.Stmt // the snapshot generation
	hits   *sql.Stmt // full-text hits: their rowids, comma-separated
	titles *sql.Stmt // the same for names and summaries only
	rank   *sql.Stmt // bm25 of the hits listed as a JSON array
}

func (st *searchState) prepare(ctx context.Context, db *sql.DB) error {
	for _, p := range []struct {
		stmt  **sql.Stmt
		query string
	}{
		{&st.gen, `SELECT gen FROM search_generation`},
		// One row of comma-separated rowids rather than a row per hit:
		// a common word has thousands of hits, and each row costs more
		// in database/sql than in SQLite.
		{&st.hits, `SELECT group_concat(rowid) FROM (SELECT rowid FROM search WHERE search MATCH ? ORDER BY rowid)`},
		{&st.titles, `SELECT group_concat(rowid) FROM (SELECT rowid FROM search_title WHERE search_title MATCH ? ORDER BY rowid)`},
		// +rowid: filter the full-text scan rather than re-run it once
		// per id, so bm25 is computed only for the rows that pass.
		{&st.rank, `SELECT rowid, ` + searchRank + ` FROM search WHERE search MATCH ? AND +rowid IN (SELECT value FROM json_each(?))`},
	} {
		var err error
		if *p.stmt, err = db.PrepareContext(ctx, p.query); err != nil {
			return err
		}
	}
	return nil
}

// Search implements store.Reader.
func (s *Store) Search(ctx context.Context, query string, limit int) (_ []*store.SearchResult, err error) {
	defer derrors.Wrap(&err, "sqlite.Search(%.80q)", query)
	q, err := store.ParseQuery(query)
	if err != nil {
		return nil, err
	}
	if len(q.Terms) == 0 || limit <= 0 {
		return []*store.SearchResult{}, nil
	}
	limit = min(limit, MaxSearchResults)
	tx, err := s.db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	st := &s.search
	latest, err := st.latest.get(ctx, tx, tx.StmtContext(ctx, st.gen))
	if err != nil {
		return nil, err
	}
	cs := &candidates{}
	match := ftsExpr(q.Terms)
	cs.nameMatches(latest, q.Name)
	if err := cs.hits(ctx, tx.StmtContext(ctx, st.hits), latest, match); err != nil {
		return nil, err
	}
	if err := cs.titles(ctx, tx.StmtContext(ctx, st.titles), match); err != nil {
		return nil, err
	}
	top, err := cs.best(ctx, tx.StmtContext(ctx, st.rank), match, limit)
	if err != nil {
		return nil, err
	}
	out := make([]*store.SearchResult, len(top))
	for i, c := range top {
		out[i] = &store.SearchResult{ModuleSummary: *c.ms, Tier: c.tier}
	}
	return out, nil
}

// candidate is one module that matches, with what ranks it.
type candidate struct {
	id   int64
	ms   *store.ModuleSummary // its latest version (shared: do not modify)
	tier int
	rank float64 // bm25 (<= 0, lower is better); 0 without a full-text hit
	fts  bool    // a full-text hit (else only a name match)
	key  uint64  // tier, then reverse dependencies descending (set by best)
}

// candidates are the name matches, then the other full-text hits in
// rowid order (the order FTS5 returns them in, so that finding a hit
// needs no map).
type candidates struct {
	all    []candidate
	byName map[int64]int // index in all of each name match
	nNames int           // all[:nNames] are the name matches
}

// find returns the candidate for module id, or nil.
func (cs *candidates) find(id int64) *candidate {
	if i, ok := cs.byName[id]; ok {
		return &cs.all[i]
	}
	hits := cs.all[cs.nNames:]
	i := sort.Search(len(hits), func(i int) bool { return hits[i].id >= id })
	if i < len(hits) && hits[i].id == id {
		return &hits[i]
	}
	return nil
}

// nameMatches adds the modules named name (tier 0) or whose name starts
// with it (tier 1).
func (cs *candidates) nameMatches(latest *latestSnapshot, name string) {
	if name == "" {
		return
	}
	cs.byName = map[int64]int{}
	latest.withPrefix(name, func(id int64, ms *store.ModuleSummary) {
		tier := store.TierNamePrefix
		if ms.Name == name {
			tier = store.TierExactName
		}
		cs.byName[id] = len(cs.all)
		cs.all = append(cs.all, candidate{id: id, ms: ms, tier: tier})
	})
	cs.nNames = len(cs.all)
}

// hits adds the full-text hits (tier 3 unless already matched by name).
func (cs *candidates) hits(ctx context.Context, stmt *sql.Stmt, latest *latestSnapshot, match string) error {
	ids, err := queryIDs(ctx, stmt, match)
	if err != nil {
		return err
	}
	cs.all = slices.Grow(cs.all, len(ids))
	for _, id := range ids {
		if i, ok := cs.byName[id]; ok {
			cs.all[i].fts = true
		} else if ms := latest.lookup(id); ms != nil { // else a module without a latest version: no result
			cs.all = append(cs.all, candidate{id: id, ms: ms, tier: store.TierBody, fts: true})
		}
	}
	return nil
}

// titles moves the hits whose name or summary holds every term to
// tier 2.
func (cs *candidates) titles(ctx context.Context, stmt *sql.Stmt, match string) error {
	ids, err := queryIDs(ctx, stmt, match)
	if err != nil {
		return err
	}
	for _, id := range ids {
		if c := cs.find(id); c != nil {
			c.tier = min(c.tier, store.TierSummary)
		}
	}
	return nil
}

// queryIDs runs a statement answering one row of comma-separated ids
// (NULL: none) and returns them sorted.
func queryIDs(ctx context.Context, stmt *sql.Stmt, args ...any) ([]int64, error) {
	var list sql.NullString
	if err := stmt.QueryRowContext(ctx, args...).Scan(&list); err != nil {
		return nil, err
	}
	if list.String == "" {
		return nil, nil
	}
	ids := make([]int64, 0, strings.Count(list.String, ",")+1)
	for f := range strings.SplitSeq(list.String, ",") {
		id, err := strconv.ParseInt(f, 10, 64)
		if err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	if !slices.IsSorted(ids) { // the subquery's order is not promised to group_concat
		slices.Sort(ids)
	}
	return ids, nil
}

// byTierRdeps orders candidates by tier, then more dependents first
// (their key).
func byTierRdeps(a, b *candidate) int { return cmp.Compare(a.key, b.key) }

// best returns the first limit candidates in full order (steps 2, 3).
func (cs *candidates) best(ctx context.Context, rank *sql.Stmt, match string, limit int) ([]*candidate, error) {
	all := make([]*candidate, len(cs.all))
	for i := range cs.all {
		c := &cs.all[i]
		c.key = uint64(c.tier)<<32 | uint64(math.MaxUint32-uint32(min(c.ms.ReverseDeps, math.MaxUint32)))
		all[i] = c
	}
	slices.SortFunc(all, byTierRdeps)
	k := min(limit, len(all))
	if k == 0 {
		return nil, nil
	}
	n := k
	for n < len(all) && byTierRdeps(all[n], all[k-1]) == 0 {
		n++
	}
	top := all[:n]
	var ranked []int64
	byID := map[int64]*candidate{}
	for _, c := range top {
		if c.fts {
			ranked = append(ranked, c.id)
			byID[c.id] = c
		}
	}
	if len(ranked) > 0 {
		err := scanRows(ctx, rank, func(sc scanner) error {
			var id int64
			var rank float64
			if err := sc.Scan(&id, &rank); err != nil {
				return err
			}
			if c := byID[id]; c != nil {
				c.rank = rank
			}
			return nil
		}, match, jsonInts(ranked))
		if err != nil {
			return nil, err
		}
	}
	slices.SortFunc(top, func(a, b *candidate) int {
		return cmp.Or(byTierRdeps(a, b), cmp.Compare(a.rank, b.rank), strings.Compare(a.ms.Name, b.ms.Name))
	})
	return top[:k], nil
}

// jsonInts formats ids as a JSON array, for json_each.
func jsonInts(ids []int64) string {
	b := []byte{'['}
	for i, id := range ids {
		if i > 0 {
			b = append(b, ',')
		}
		b = strconv.AppendInt(b, id, 10)
	}
	return string(append(b, ']'))
}

type scanner interface{ Scan(...any) error }

// scanRows runs a statement and calls fn for each row.
func scanRows(ctx context.Context, stmt *sql.Stmt, fn func(scanner) error, args ...any) error {
	rows, err := stmt.QueryContext(ctx, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		if err := fn(rows); err != nil {
			return err
		}
	}
	return rows.Err()
}

// ftsExpr builds an FTS5 query: every term must match, as a quoted
// phrase (so "list_add" matches the tokens "list add" in a row); the
// last term also matches as a prefix, for search-as-you-type. Terms
// hold only letters, digits and '_' (store.ParseQuery), so quoting is
// all the escaping needed.
func ftsExpr(terms []string) string {
	parts := make([]string, len(terms))
	for i, t := range terms {
		parts[i] = `"` + strings.ReplaceAll(t, `"`, `""`) + `"`
	}
	parts[len(parts)-1] += "*"
	return strings.Join(parts, " AND ")
}
