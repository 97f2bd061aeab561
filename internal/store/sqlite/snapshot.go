package sqlite

import (
	"context"
	"database/sql"
	"sync"
	"sync/atomic"

	"github.com/ccan-archive/ccan/internal/searchindex"
)

// searchState keeps Search's index of the newest generation of the
// database it has seen.
//
// Triggers (migrations 0004, 0007) bump search_generation.gen whenever
// a module is added, removed, renamed or gets another latest version
// (which is when its search_text row changes) or another reverse
// dependency count, and whenever a version row changes (a lint score, a
// yank), by any writer in any process. Search reads the generation and
// rebuilds the index when it differs, reading the generation again and
// the modules in one read transaction, so that an index always matches
// one state of the database. Rebuilds are serialised: a write is
// followed by one rebuild, not one per concurrent search.
type searchState struct {
	gen  *sql.Stmt // reads search_generation.gen
	cur  atomic.Pointer[searchSnapshot]
	load sync.Mutex
}

// searchSnapshot is the index of one generation.
type searchSnapshot struct {
	gen int64
	ix  *searchindex.Index
}

func (st *searchState) prepare(ctx context.Context, db *sql.DB) (err error) {
	st.gen, err = db.PrepareContext(ctx, `SELECT gen FROM search_generation`)
	return err
}

// index returns the index of the database's current generation (or a
// newer one).
func (st *searchState) index(ctx context.Context, db *sql.DB) (*searchindex.Index, error) {
	var gen int64
	if err := st.gen.QueryRowContext(ctx).Scan(&gen); err != nil {
		return nil, err
	}
	if r := st.cur.Load(); r != nil && r.gen >= gen {
		return r.ix, nil
	}
	st.load.Lock()
	defer st.load.Unlock()
	if r := st.cur.Load(); r != nil && r.gen >= gen {
		return r.ix, nil
	}
	tx, err := db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	r, err := loadSnapshot(ctx, tx, st.cur.Load())
	if err != nil {
		return nil, err
	}
	st.cur.Store(r)
	return r.ix, nil
}

// loadSnapshot builds the index of tx's view of the database. When
// every module's latest version is the one prev indexed (only scores or
// reverse dependency counts changed), it keeps prev's text index.
func loadSnapshot(ctx context.Context, tx *sql.Tx, prev *searchSnapshot) (*searchSnapshot, error) {
	r := &searchSnapshot{}
	if err := tx.QueryRowContext(ctx, `SELECT gen FROM search_generation`).Scan(&r.gen); err != nil {
		return nil, err
	}
	rows, err := tx.QueryContext(ctx, `SELECT `+summaryCols+`, m.id, m.latest_version_id
		FROM modules m JOIN versions v ON v.id = m.latest_version_id ORDER BY m.id`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var mods []searchindex.Module
	var ids []int64
	for rows.Next() {
		var m searchindex.Module
		var id int64
		if m.Summary, err = scanSummary(rows, &id, &m.TextKey); err != nil {
			return nil, err
		}
		mods = append(mods, m)
		ids = append(ids, id)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if prev != nil && prev.ix.Reusable(mods) {
		r.ix = prev.ix.WithSummaries(mods)
		return r, nil
	}
	if err := loadText(ctx, tx, ids, mods); err != nil {
		return nil, err
	}
	r.ix = searchindex.New(mods)
	return r, nil
}

// loadText fills in the Text of mods, whose module ids are ids (in
// order).
func loadText(ctx context.Context, tx *sql.Tx, ids []int64, mods []searchindex.Module) error {
	rows, err := tx.QueryContext(ctx, `SELECT module_id, name, summary, body, functions FROM search_text ORDER BY module_id`)
	if err != nil {
		return err
	}
	defer rows.Close()
	i := 0
	for rows.Next() {
		var id int64
		var t [searchindex.NumFields]string
		if err := rows.Scan(&id, &t[searchindex.FieldName], &t[searchindex.FieldSummary], &t[searchindex.FieldBody], &t[searchindex.FieldFunctions]); err != nil {
			return err
		}
		for i < len(ids) && ids[i] < id {
			i++
		}
		if i < len(ids) && ids[i] == id {
			mods[i].Text = t
		}
	}
	return rows.Err()
}
