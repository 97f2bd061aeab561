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
//     name matches and rdeps come from an in-memory snapshot of the
//     modules table (rankinputs.go), the full-text hits are bare rowids,
//     and a second full-text query tells which hits match in the name
//     or summary;
//  2. sort them by (tier, rdeps) and keep the first limit plus those
//     tied with the last one: only their order can depend on the rank;
//  3. compute bm25 for just those, sort them fully, and read the
//     summaries of the first limit.

import (
	"cmp"
	"context"
	"database/sql"
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
	ranks rankCache
	// The statements, prepared when the store opens; database/sql
	// prepares each again on a connection the first time it runs there.
	gen       *sql.Stmt // the modules generation (rankinputs.go)
	ids       *sql.Stmt // full-text hits: bare rowids, in rowid order
	rank      *sql.Stmt // bm25 of the hits listed as a JSON array
	summaries *sql.Stmt // latest-version summaries of modules listed as a JSON array
}

func (st *searchState) prepare(ctx context.Context, db *sql.DB) error {
	for _, p := range []struct {
		stmt  **sql.Stmt
		query string
	}{
		{&st.gen, `SELECT gen FROM search_generation`},
		{&st.ids, `SELECT rowid FROM search WHERE search MATCH ? ORDER BY rowid`},
		// +rowid: filter the full-text scan rather than re-run it once
		// per id, so bm25 is computed only for the rows that pass.
		{&st.rank, `SELECT rowid, ` + searchRank + ` FROM search WHERE search MATCH ? AND +rowid IN (SELECT value FROM json_each(?))`},
		{&st.summaries, `SELECT ` + summaryCols + `, m.id FROM modules m JOIN versions v ON v.id = m.latest_version_id
			WHERE m.id IN (SELECT value FROM json_each(?))`},
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
	ranks, err := st.ranks.get(ctx, tx, tx.StmtContext(ctx, st.gen))
	if err != nil {
		return nil, err
	}
	cs := &candidates{}
	match := ftsExpr(q.Terms)
	if err := cs.collect(ctx, tx.StmtContext(ctx, st.ids), ranks, q.Name, match); err != nil {
		return nil, err
	}
	top, err := cs.best(ctx, tx.StmtContext(ctx, st.rank), match, limit)
	if err != nil {
		return nil, err
	}
	return summaries(ctx, tx.StmtContext(ctx, st.summaries), top)
}

// candidate is one module that matches, with what ranks it.
type candidate struct {
	id    int64
	name  string
	tier  int
	rdeps int
	rank  float64 // bm25 (<= 0, lower is better); 0 without a full-text hit
	fts   bool    // a full-text hit (else only a name match)
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

// collect finds every candidate and its tier (step 1).
func (cs *candidates) collect(ctx context.Context, ids *sql.Stmt, ranks *rankInputs, name, match string) error {
	if name != "" {
		cs.byName = map[int64]int{}
		ranks.withPrefix(name, func(id int64, in rankInput) {
			cs.byName[id] = len(cs.all)
			cs.all = append(cs.all, candidate{id: id, name: in.name, rdeps: in.rdeps, tier: nameTier(in.name, name)})
		})
		cs.nNames = len(cs.all)
	}
	err := scanRows(ctx, ids, func(sc scanner) error {
		var id int64
		if err := sc.Scan(&id); err != nil {
			return err
		}
		if i, ok := cs.byName[id]; ok {
			cs.all[i].fts = true
		} else if in, ok := ranks.byID[id]; ok { // else a module without a latest version: no result
			cs.all = append(cs.all, candidate{id: id, name: in.name, rdeps: in.rdeps, tier: store.TierBody, fts: true})
		}
		return nil
	}, match)
	if err != nil {
		return err
	}
	return scanRows(ctx, ids, func(sc scanner) error {
		var id int64
		if err := sc.Scan(&id); err != nil {
			return err
		}
		if c := cs.find(id); c != nil {
			c.tier = min(c.tier, store.TierSummary)
		}
		return nil
	}, "{name summary} : ("+match+")")
}

func nameTier(name, query string) int {
	if name == query {
		return store.TierExactName
	}
	return store.TierNamePrefix
}

// byTierRdeps orders candidates by tier, then more dependents first.
func byTierRdeps(a, b *candidate) int {
	return cmp.Or(cmp.Compare(a.tier, b.tier), cmp.Compare(b.rdeps, a.rdeps))
}

// best returns the first limit candidates in full order (steps 2, 3).
func (cs *candidates) best(ctx context.Context, rank *sql.Stmt, match string, limit int) ([]*candidate, error) {
	all := make([]*candidate, len(cs.all))
	for i := range cs.all {
		all[i] = &cs.all[i]
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
		return cmp.Or(byTierRdeps(a, b), cmp.Compare(a.rank, b.rank), strings.Compare(a.name, b.name))
	})
	return top[:k], nil
}

// summaries reads the latest-version summaries of the candidates, in order.
func summaries(ctx context.Context, stmt *sql.Stmt, top []*candidate) ([]*store.SearchResult, error) {
	out := make([]*store.SearchResult, len(top))
	pos := map[int64]int{}
	ids := make([]int64, len(top))
	for i, c := range top {
		pos[c.id], ids[i] = i, c.id
		out[i] = &store.SearchResult{Tier: c.tier}
	}
	err := scanRows(ctx, stmt, func(sc scanner) error {
		var id int64
		ms, err := scanSummary(sc, &id)
		if err != nil {
			return err
		}
		out[pos[id]].ModuleSummary = *ms
		return nil
	}, jsonInts(ids))
	return out, err
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
