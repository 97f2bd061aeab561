package main

import (
	"context"
	"fmt"
	"math/rand/v2"
	"net/url"
	"strings"
	"time"

	"github.com/ccan-archive/ccan/internal/store"
	"github.com/ccan-archive/ccan/internal/synthetic"
)

const vocabSize = 2000

// addSynthetic inserts n generated modules through the store Writer:
// names, summaries, descriptions and function names from a fixed
// vocabulary, and up to three dependencies on earlier modules so that
// reverse-dependency counts vary.
func addSynthetic(ctx context.Context, w store.Writer, n int) error {
	words := synthetic.Vocabulary(vocabSize)
	r := rand.New(rand.NewPCG(3, 4))
	pick := func(k int) []string {
		out := make([]string, k)
		for i := range out {
			out[i] = words[r.IntN(len(words))]
		}
		return out
	}
	var names []string
	created := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := range n {
		name := fmt.Sprintf("%s_%s%d", words[r.IntN(len(words))], words[r.IntN(len(words))], i)
		mv := &store.ModuleVersion{
			Name: name, Version: "1.0.0", Created: created.Add(time.Duration(i) * time.Minute),
			ContentSHA256: fmt.Sprintf("%064x", i+1),
			Summary:       strings.Join(pick(6), " "),
			Description:   strings.Join(pick(40), " ") + ".\n\n" + strings.Join(pick(40), " ") + ".",
			License:       "BSD-MIT", Authors: []string{"servebench"},
		}
		for range 5 {
			mv.Functions = append(mv.Functions, name+"_"+words[r.IntN(len(words))])
		}
		for k := r.IntN(4); k > 0 && len(names) > 0; k-- {
			mv.Depends = append(mv.Depends, "ccan/"+names[r.IntN(len(names))])
		}
		mv.AllDepends = mv.Depends
		if err := w.InsertModuleVersion(ctx, mv); err != nil {
			return err
		}
		names = append(names, name)
	}
	return nil
}

// queryWords are the words the uncached search row asks for: the
// synthetic vocabulary, or the starter archive's topics.
func queryWords(nSynthetic int) []string {
	if nSynthetic > 0 {
		return synthetic.Vocabulary(vocabSize)[:1000]
	}
	return []string{"list", "hash", "string", "hex", "array", "test", "read", "write", "min", "max", "error", "table", "container", "compiler", "check", "type"}
}

func searchPaths(words []string) []string {
	paths := make([]string, len(words))
	for i, w := range words {
		paths[i] = "/search?q=" + url.QueryEscape(w)
	}
	return paths
}
