package sqlite

// How Search works.
//
// Search runs on an in-memory index (internal/searchindex) of every
// module's latest name, summary, body and function names, built from
// search_text together with the latest versions' summaries that
// results return (snapshot.go). The index belongs to one generation of
// the database: a search first reads search_generation.gen, one small
// statement, and uses the index when it is of that generation; else it
// rebuilds the index in a read transaction. Matching and ranking are
// then plain Go: no full-text query runs in SQLite.

import (
	"context"

	"github.com/ccan-archive/ccan/internal/derrors"
	"github.com/ccan-archive/ccan/internal/store"
)

// MaxSearchResults caps Search's limit.
const MaxSearchResults = 200

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
	ix, err := s.search.index(ctx, s.db)
	if err != nil {
		return nil, err
	}
	return ix.Search(q, min(limit, MaxSearchResults)), nil
}
