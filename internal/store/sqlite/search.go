package sqlite

import (
	"context"
	"database/sql"
	"strings"

	"github.com/ccan-archive/ccan/internal/derrors"
	"github.com/ccan-archive/ccan/internal/store"
)

// MaxSearchResults caps Search's limit.
const MaxSearchResults = 200

// searchSQL ranks candidates: the FTS matches plus name matches.
// Tiers follow store.Tier*; within a tier the most depended-upon module
// comes first, then the best bm25 rank (weights: name 10, summary 5,
// body 1, functions 2), then the name.
const searchSQL = `
WITH hits AS (
	SELECT id, min(rank) AS rank FROM (
		SELECT rowid AS id, bm25(search, 10.0, 5.0, 1.0, 2.0) AS rank FROM search WHERE search MATCH :match
		UNION ALL
		SELECT id, 0 FROM modules WHERE :name != '' AND (name = :name OR name LIKE :prefix ESCAPE '\')
	) GROUP BY id
),
summary_hits AS (
	SELECT rowid AS id FROM search WHERE search MATCH :summatch
)
SELECT ` + summaryCols + `,
	CASE WHEN m.name = :name THEN 0
	     WHEN :name != '' AND m.name LIKE :prefix ESCAPE '\' THEN 1
	     WHEN m.id IN (SELECT id FROM summary_hits) THEN 2
	     ELSE 3 END AS tier
FROM hits h JOIN modules m ON m.id = h.id JOIN versions v ON v.id = m.latest_version_id
ORDER BY tier, 8 DESC, h.rank, m.name
LIMIT :limit`

// Search implements store.Reader.
func (s *Store) Search(ctx context.Context, query string, limit int) (_ []*store.SearchResult, err error) {
	defer derrors.Wrap(&err, "sqlite.Search(%.80q)", query)
	q, err := store.ParseQuery(query)
	if err != nil {
		return nil, err
	}
	out := []*store.SearchResult{}
	if len(q.Terms) == 0 || limit <= 0 {
		return out, nil
	}
	limit = min(limit, MaxSearchResults)
	match := ftsExpr(q.Terms)
	rows, err := s.db.QueryContext(ctx, searchSQL,
		sql.Named("match", match),
		sql.Named("summatch", "{name summary} : ("+match+")"),
		sql.Named("name", q.Name),
		sql.Named("prefix", likeEscape(q.Name)+"%"),
		sql.Named("limit", limit))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		r := &store.SearchResult{}
		ms, err := scanSummary(rows, &r.Tier)
		if err != nil {
			return nil, err
		}
		r.ModuleSummary = *ms
		out = append(out, r)
	}
	return out, rows.Err()
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

func likeEscape(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)
	return r.Replace(s)
}
