// Package fts5probe asks SQLite's FTS5 unicode61 tokenizer how it
// treats each code point, through an FTS5 table and its fts5vocab
// instance table. searchindex's tables are generated from its answers
// (gentables.go) and its tests compare Tokenize with them.
package fts5probe

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"unicode"
)

// Class says what unicode61 does with a code point.
type Class int

const (
	Token     Class = iota // part of a token (Kind.Fold is what the token holds)
	Separator              // ends a token
	Dropped                // ignored: a diacritic mark
)

// Kind is unicode61's treatment of one code point.
type Kind struct {
	Class Class
	Fold  string // for Token: the code point folded (lower case, diacritics removed)
}

// Probe returns the treatment of every code point from U+0001 to
// unicode.MaxRune but the surrogates, by tokenizing them between two
// ASCII letters. db must be a SQLite database with FTS5 (an empty
// in-memory one will do); Probe creates and drops temp tables.
func Probe(ctx context.Context, db *sql.DB) (map[rune]Kind, error) {
	conn, err := db.Conn(ctx) // temp tables live on one connection
	if err != nil {
		return nil, err
	}
	defer conn.Close()
	for _, q := range []string{
		`CREATE VIRTUAL TABLE temp.probe USING fts5(body, tokenize = 'unicode61')`,
		`CREATE VIRTUAL TABLE temp.probe_vocab USING fts5vocab(temp, probe, instance)`,
	} {
		if _, err := conn.ExecContext(ctx, q); err != nil {
			return nil, err
		}
	}
	defer conn.ExecContext(ctx, `DROP TABLE temp.probe_vocab; DROP TABLE temp.probe`)
	kinds := map[rune]Kind{}
	const batch = 4096
	for base := rune(1); base <= unicode.MaxRune; base += batch {
		var b strings.Builder
		var cs []rune
		for c := base; c < base+batch && c <= unicode.MaxRune; c++ {
			if 0xD800 <= c && c <= 0xDFFF {
				continue
			}
			cs = append(cs, c)
			b.WriteString(" q")
			b.WriteRune(c)
			b.WriteString("z ")
		}
		if _, err := conn.ExecContext(ctx, `DELETE FROM temp.probe`); err != nil {
			return nil, err
		}
		if _, err := conn.ExecContext(ctx, `INSERT INTO temp.probe(rowid, body) VALUES (1, ?)`, b.String()); err != nil {
			return nil, err
		}
		toks, err := tokens(ctx, conn)
		if err != nil {
			return nil, err
		}
		for _, c := range cs {
			if len(toks) == 0 {
				return nil, fmt.Errorf("fts5probe: tokens end before %U", c)
			}
			t := toks[0]
			switch {
			case t == "q" && len(toks) > 1 && toks[1] == "z":
				kinds[c] = Kind{Class: Separator}
				toks = toks[2:]
			case t == "qz":
				kinds[c] = Kind{Class: Dropped}
				toks = toks[1:]
			case len(t) > 2 && t[0] == 'q' && t[len(t)-1] == 'z':
				kinds[c] = Kind{Class: Token, Fold: t[1 : len(t)-1]}
				toks = toks[1:]
			default:
				return nil, fmt.Errorf("fts5probe: %U: unexpected token %q", c, t)
			}
		}
	}
	return kinds, nil
}

// tokens returns the probe row's tokens in order.
func tokens(ctx context.Context, conn *sql.Conn) ([]string, error) {
	rows, err := conn.QueryContext(ctx, `SELECT term FROM temp.probe_vocab ORDER BY offset`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var toks []string
	for rows.Next() {
		var t string
		if err := rows.Scan(&t); err != nil {
			return nil, err
		}
		toks = append(toks, t)
	}
	return toks, rows.Err()
}
