package sqlite

import (
	"context"
	"database/sql"
	"sort"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/ccan-archive/ccan/internal/store"
)

// latestSnapshot holds, for every module with a latest version, what
// Search ranks by and returns: the summary of that version (name,
// reverse-dependency count, score...). Looking hits up in memory instead
// of joining each full-text hit to modules and versions is most of what
// makes a search for a common word cheap.
//
// A snapshot belongs to a generation of the database: triggers
// (migrations 0004, 0007) bump search_generation.gen whenever a module is
// added, removed, renamed or gets another latest version or rdeps, and
// whenever a version row changes (a lint score, a yank), by any writer
// in any process. Search reads the generation in its own read
// transaction and reloads the snapshot in that transaction when it
// differs, so the snapshot always matches the full-text index it reads.
type latestSnapshot struct {
	gen int64
	// dense holds the summaries by module id (rowids are small and
	// dense, and a search looks up every hit: a slice beats a map);
	// sparse is used instead when the ids are not dense. nil: no latest
	// version.
	dense  []*store.ModuleSummary
	sparse map[int64]*store.ModuleSummary
	// folded lists the modules by ASCII-lower-cased name, for name
	// prefix matches (which ignore ASCII case, as LIKE did).
	folded []foldedName
}

type foldedName struct {
	folded string
	id     int64
}

// lookup returns module id's latest summary, or nil.
func (r *latestSnapshot) lookup(id int64) *store.ModuleSummary {
	if r.sparse != nil {
		return r.sparse[id]
	}
	if id < 0 || id >= int64(len(r.dense)) {
		return nil
	}
	return r.dense[id]
}

// withPrefix calls fn for each module whose name starts with prefix,
// ignoring ASCII case; prefix must be lower-case.
func (r *latestSnapshot) withPrefix(prefix string, fn func(id int64, ms *store.ModuleSummary)) {
	i := sort.Search(len(r.folded), func(i int) bool { return r.folded[i].folded >= prefix })
	for ; i < len(r.folded) && strings.HasPrefix(r.folded[i].folded, prefix); i++ {
		id := r.folded[i].id
		fn(id, r.lookup(id))
	}
}

// snapshotCache holds the newest snapshot; loads are serialised so that
// a write is followed by one reload, not one per concurrent search.
type snapshotCache struct {
	cur  atomic.Pointer[latestSnapshot]
	load sync.Mutex
}

// get returns the snapshot for tx's view of the database; genStmt is
// tx's statement reading search_generation.gen.
func (c *snapshotCache) get(ctx context.Context, tx *sql.Tx, genStmt *sql.Stmt) (*latestSnapshot, error) {
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
	r, err := loadSnapshot(ctx, tx, gen)
	if err != nil {
		return nil, err
	}
	if old := c.cur.Load(); old == nil || old.gen < gen {
		c.cur.Store(r)
	}
	return r, nil
}

func loadSnapshot(ctx context.Context, tx *sql.Tx, gen int64) (*latestSnapshot, error) {
	rows, err := tx.QueryContext(ctx, `SELECT `+summaryCols+`, m.id FROM modules m JOIN versions v ON v.id = m.latest_version_id`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	r := &latestSnapshot{gen: gen}
	byID := map[int64]*store.ModuleSummary{}
	var maxID int64
	for rows.Next() {
		var id int64
		ms, err := scanSummary(rows, &id)
		if err != nil {
			return nil, err
		}
		byID[id], maxID = ms, max(maxID, id)
		r.folded = append(r.folded, foldedName{folded: asciiLower(ms.Name), id: id})
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if maxID < 1<<16 || maxID < 4*int64(len(byID)) {
		r.dense = make([]*store.ModuleSummary, maxID+1)
		for id, ms := range byID {
			r.dense[id] = ms
		}
	} else {
		r.sparse = byID
	}
	sort.Slice(r.folded, func(i, j int) bool { return r.folded[i].folded < r.folded[j].folded })
	return r, nil
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
