package sqlite

import (
	"context"
	"database/sql"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
)

// rankInputs is a snapshot of what Search ranks by, for every module
// with a latest version: its name and its reverse-dependency count.
// Looking these up in memory instead of joining each full-text hit to
// modules halves the cost of a search for a common word.
//
// The snapshot belongs to a generation of the modules table: triggers
// (migration 0004) bump search_generation.gen on every insert, delete
// or change of a module's name, latest version or rdeps, by any writer
// in any process. Search reads the generation in its own read
// transaction and reloads the snapshot in that transaction when it
// differs, so the snapshot always matches the full-text index it reads.
type rankInputs struct {
	gen  int64
	byID map[int64]rankInput
	// folded lists the modules by ASCII-lower-cased name, for name
	// prefix matches (which ignore ASCII case, as LIKE did).
	folded []foldedName
}

type rankInput struct {
	name  string
	rdeps int
}

type foldedName struct {
	folded string
	id     int64
}

// rankCache holds the newest snapshot; loads are serialised so that a
// write is followed by one reload, not one per concurrent search.
type rankCache struct {
	cur  atomic.Pointer[rankInputs]
	load sync.Mutex
}

// get returns the snapshot for tx's view of the database.
// genStmt is tx's statement reading search_generation.gen.
func (c *rankCache) get(ctx context.Context, tx *sql.Tx, genStmt *sql.Stmt) (*rankInputs, error) {
	var gen int64
	if err := genStmt.QueryRowContext(ctx).Scan(&gen); err != nil {
		return nil, err
	}
	if r := c.cur.Load(); r != nil && r.gen == gen {
		return r, nil
	}
	c.load.Lock()
	defer c.load.Unlock()
	if r := c.cur.Load(); r != nil && r.gen == gen {
		return r, nil
	}
	r, err := loadRankInputs(ctx, tx, gen)
	if err != nil {
		return nil, err
	}
	if old := c.cur.Load(); old == nil || old.gen < gen {
		c.cur.Store(r)
	}
	return r, nil
}

func loadRankInputs(ctx context.Context, tx *sql.Tx, gen int64) (*rankInputs, error) {
	r := &rankInputs{gen: gen, byID: map[int64]rankInput{}}
	rows, err := tx.QueryContext(ctx, `SELECT id, name, rdeps FROM modules WHERE latest_version_id IS NOT NULL`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var in rankInput
		if err := rows.Scan(&id, &in.name, &in.rdeps); err != nil {
			return nil, err
		}
		r.byID[id] = in
		r.folded = append(r.folded, foldedName{folded: asciiLower(in.name), id: id})
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	sort.Slice(r.folded, func(i, j int) bool { return r.folded[i].folded < r.folded[j].folded })
	return r, nil
}

// withPrefix calls fn for each module whose name starts with prefix,
// ignoring ASCII case; prefix must be lower-case.
func (r *rankInputs) withPrefix(prefix string, fn func(id int64, in rankInput)) {
	i := sort.Search(len(r.folded), func(i int) bool { return r.folded[i].folded >= prefix })
	for ; i < len(r.folded) && strings.HasPrefix(r.folded[i].folded, prefix); i++ {
		id := r.folded[i].id
		fn(id, r.byID[id])
	}
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
