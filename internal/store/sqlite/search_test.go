package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ccan-archive/ccan/internal/store"
	"github.com/ccan-archive/ccan/internal/store/storetest"
	"github.com/google/go-cmp/cmp"
)

// referenceSQL ranks every hit in one statement, with FTS5 (ref_search,
// made by refIndex from search_text): the definition of the order that
// Search computes in memory (tier, more reverse dependencies, bm25 with
// a name match counting as 0, name).
const referenceSQL = `
WITH hits AS (
	SELECT id, min(rank) AS rank FROM (
		SELECT rowid AS id, bm25(ref_search, 10.0, 5.0, 1.0, 2.0) AS rank FROM ref_search WHERE ref_search MATCH :match
		UNION ALL
		SELECT id, 0 FROM modules WHERE :name != '' AND (name = :name OR name LIKE :prefix ESCAPE '\')
	) GROUP BY id
)
SELECT m.name,
	CASE WHEN m.name = :name THEN 0
	     WHEN :name != '' AND m.name LIKE :prefix ESCAPE '\' THEN 1
	     WHEN m.id IN (SELECT rowid FROM ref_search WHERE ref_search MATCH :summatch) THEN 2
	     ELSE 3 END AS tier
FROM hits h JOIN modules m ON m.id = h.id JOIN versions v ON v.id = m.latest_version_id
ORDER BY tier, m.rdeps DESC, h.rank, m.name
LIMIT :limit`

// refIndex (re)builds ref_search, an FTS5 index of search_text, for
// referenceSQL.
func refIndex(t *testing.T, s *Store) {
	t.Helper()
	for _, q := range []string{
		`DROP TABLE IF EXISTS ref_search`,
		`CREATE VIRTUAL TABLE ref_search USING fts5(name, summary, body, functions, tokenize = 'unicode61')`,
		`INSERT INTO ref_search(rowid, name, summary, body, functions) SELECT module_id, name, summary, body, functions FROM search_text`,
	} {
		if _, err := s.db.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
}

// ftsExpr is the FTS5 query Search means: every term as a quoted
// phrase (terms hold only letters, digits and '_'), the last one also
// as a prefix.
func ftsExpr(terms []string) string {
	parts := make([]string, len(terms))
	for i, t := range terms {
		parts[i] = `"` + t + `"`
	}
	parts[len(parts)-1] += "*"
	return strings.Join(parts, " AND ")
}

func reference(t *testing.T, s *Store, query string, limit int) []string {
	t.Helper()
	q, err := store.ParseQuery(query)
	if err != nil || len(q.Terms) == 0 {
		t.Fatalf("ParseQuery(%q) = %v, %v", query, q, err)
	}
	match := ftsExpr(q.Terms)
	prefix := strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(q.Name) + "%"
	rows, err := s.db.Query(referenceSQL, sql.Named("match", match), sql.Named("summatch", "{name summary} : ("+match+")"),
		sql.Named("name", q.Name), sql.Named("prefix", prefix), sql.Named("limit", limit))
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var name string
		var tier int
		if err := rows.Scan(&name, &tier); err != nil {
			t.Fatal(err)
		}
		out = append(out, fmt.Sprintf("%s:%d", name, tier))
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// TestSearchOrder compares Search with referenceSQL over generated
// modules whose few words make many hits and many ties in reverse
// dependencies, at limits that cut through tied groups.
func TestSearchOrder(t *testing.T) {
	ctx := context.Background()
	s, err := Open(ctx, filepath.Join(t.TempDir(), "ccan.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	words := []string{"ka", "kalo", "kalomi", "lo", "mine", "su", "suta", "ri", "po", "ve", "zu", "bra", "cle", "dro", "fin", "gal"}
	r := rand.New(rand.NewPCG(7, 8))
	pick := func(n int) string {
		var b []string
		for range n {
			b = append(b, words[r.IntN(len(words))])
		}
		return strings.Join(b, " ")
	}
	var names []string
	for i := range 300 {
		name := fmt.Sprintf("%s_%s%d", words[r.IntN(len(words))], words[r.IntN(len(words))], i)
		if i%50 == 0 {
			name = words[i/50] // some names that are exactly a word
		}
		var deps []string
		for k := r.IntN(4); k > 0 && len(names) > 0; k-- {
			deps = append(deps, "ccan/"+names[r.IntN(len(names))])
		}
		mv := storetest.Module(name, "1", deps...)
		mv.Summary, mv.Description, mv.Functions = pick(3), pick(12), []string{name + "_" + words[r.IntN(len(words))]}
		if err := s.InsertModuleVersion(ctx, mv); err != nil {
			t.Fatal(err)
		}
		names = append(names, name)
	}
	refIndex(t, s)
	for _, q := range append(words, "ka lo", "mine suta", "k", "kalo_", "ccan/ka", "zu dro fin", "nothing") {
		for _, limit := range []int{1, 3, 10, 50, 200} {
			res, err := s.Search(ctx, q, limit)
			if err != nil {
				t.Fatalf("Search(%q, %d): %v", q, limit, err)
			}
			var got []string
			for _, r := range res {
				got = append(got, fmt.Sprintf("%s:%d", r.Name, r.Tier))
			}
			if diff := cmp.Diff(reference(t, s, q, limit), got); diff != "" {
				t.Errorf("Search(%q, %d) (-reference +got):\n%s", q, limit, diff)
			}
		}
	}
}

// TestSearchSeesWrites checks that Search's in-memory rank inputs follow
// writes made through another handle on the same database (another
// process, such as "ccan archive import" beside "ccan serve").
func TestSearchSeesWrites(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "ccan.db")
	reader, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer reader.Close()
	writer, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer writer.Close()
	search := func(want ...string) {
		t.Helper()
		res, err := reader.Search(ctx, "tool", 10)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, r := range res {
			s := fmt.Sprintf("%s:%d:%d", r.Name, r.Tier, r.ReverseDeps)
			if r.Linted {
				s += fmt.Sprintf(":%d/%d", r.Score, r.Total)
			}
			got = append(got, s)
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("Search(tool) (-want +got):\n%s", diff)
		}
	}
	insert := func(name string, deps ...string) {
		t.Helper()
		mv := storetest.Module(name, "1", deps...)
		mv.Summary = "a tool"
		if err := writer.InsertModuleVersion(ctx, mv); err != nil {
			t.Fatal(err)
		}
	}
	insert("alpha")
	insert("beta")
	search("alpha:2:0", "beta:2:0")
	insert("gamma", "ccan/beta") // beta gains a dependent
	search("beta:2:1", "alpha:2:0", "gamma:2:0")
	insert("toolbox")
	search("toolbox:1:0", "beta:2:1", "alpha:2:0", "gamma:2:0")
	if err := writer.SetLint(ctx, "alpha", "1", &store.LintResult{Score: 3, Total: 4}); err != nil {
		t.Fatal(err)
	}
	search("toolbox:1:0", "beta:2:1", "alpha:2:0:3/4", "gamma:2:0")
}

// TestSearchTextMigration opens a database made before migration 0008
// (search text in FTS5 tables): Open moves the text to search_text and
// Search finds the module.
func TestSearchTextMigration(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "ccan.db")
	db, err := sql.Open("sqlite", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	ms, err := Migrations()
	if err != nil {
		t.Fatal(err)
	}
	stmts := []string{`CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY)`}
	for _, m := range ms[:7] {
		stmts = append(stmts, m.SQL, fmt.Sprintf(`INSERT INTO schema_migrations(version) VALUES (%d)`, m.Version))
	}
	stmts = append(stmts,
		`INSERT INTO modules(id, name) VALUES (7, 'hexer')`,
		`INSERT INTO versions(id, module_id, version, created, content_sha256, summary, license, doc)
			VALUES (3, 7, '1', 0, 'x', 'Hex conversions', 'MIT', '{"description": "Turns bytes into hex.", "functions": ["hex_encode"]}')`,
		`UPDATE modules SET latest_version_id = 3 WHERE id = 7`,
		`INSERT INTO search(rowid, name, summary, body, functions) VALUES (7, 'hexer', 'Hex conversions', 'Turns bytes into hex.', 'hex_encode')`,
		`INSERT INTO search_title(rowid, name, summary) VALUES (7, 'hexer', 'Hex conversions')`)
	for _, q := range stmts {
		if _, err := db.Exec(q); err != nil {
			t.Fatalf("%.60s: %v", q, err)
		}
	}
	db.Close()
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	for _, q := range []string{"bytes", "hex_enc", "conversions"} {
		res, err := s.Search(ctx, q, 10)
		if err != nil || len(res) != 1 || res[0].Name != "hexer" {
			t.Errorf("Search(%q) after migrating = %v, %v", q, res, err)
		}
	}
	var n int
	if err := s.db.QueryRow(`SELECT count(*) FROM sqlite_master WHERE name IN ('search', 'search_title')`).Scan(&n); err != nil || n != 0 {
		t.Errorf("FTS5 tables left: %d, %v", n, err)
	}
}
