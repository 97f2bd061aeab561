// Package reducefeatures implements the reduce_features check: Produce
// config.h with reduced features.
//
// The HAVE_ symbols the module's top-level .c and .h files test in #if
// and #ifdef conditions (including enclosing ones) that config.h defines
// to 1 are collected (except *_ENDIAN and HAVE_STRUCT_TIMESPEC); a copy
// of config.h with "#undef X" / "#define X 0" appended for each is
// written to reduced-features/config.h in the module's scratch
// directory, which the *_without_features checks put first on the
// include path. The unit is marked "features reduced" only when at least
// one symbol was turned off. This is not a test as such: it always
// passes with 0/0. It cannot run without a readable config.h.
package reducefeatures

import (
	"fmt"
	"os"
	"sort"
	"strings"

	"github.com/ccan-archive/ccan/internal/csource"
	"github.com/ccan-archive/ccan/internal/doc"
	"github.com/ccan-archive/ccan/internal/lint"
	"github.com/ccan-archive/ccan/internal/lint/buildutil"
	"github.com/ccan-archive/ccan/internal/lint/checks/testscompile"
)

// Check is the reduce_features check.
var Check = &lint.Check{
	Name:       "reduce_features",
	Title:      "Produce config.h with reduced features",
	Doc:        "write a config.h with the features the module tests turned off",
	Compulsory: false,
	Requires:   []*lint.Check{testscompile.Check},
	CanRun:     canRun,
	Run:        run,
}

// Result describes the reduced-features config.h.
type Result struct {
	// Dir holds the reduced config.h; compiles put -I<Dir> first.
	Dir string
	// Reduced lists the HAVE_ symbols turned off.
	Reduced []string
}

func canRun(pass *lint.Pass) string {
	if _, err := os.ReadFile(pass.Unit.Cfg.ConfigH); err != nil {
		return "Could not read config.h"
	}
	return ""
}

func run(pass *lint.Pass) (any, error) {
	u := pass.Unit
	pass.Score(true, 0, 0)
	config, err := os.ReadFile(u.Cfg.ConfigH)
	if err != nil {
		return nil, err
	}
	used, err := usedOptions(u)
	if err != nil {
		return nil, err
	}
	avail := configOptions(string(config))
	res := &Result{Dir: buildutil.ReducedDir(u)}
	for sym := range used {
		if avail[sym] {
			res.Reduced = append(res.Reduced, sym)
		}
	}
	if len(res.Reduced) == 0 {
		return res, nil
	}
	sort.Strings(res.Reduced)
	var hdr strings.Builder
	hdr.WriteString("/* Modified by reduce_features */\n")
	hdr.Write(config)
	for _, sym := range res.Reduced {
		fmt.Fprintf(&hdr, "#undef %s\n#define %s 0\n", sym, sym)
	}
	if err := os.MkdirAll(res.Dir, 0o755); err != nil {
		return nil, err
	}
	if err := os.WriteFile(res.Dir+"/config.h", []byte(hdr.String()), 0o644); err != nil {
		return nil, err
	}
	u.FeaturesReduced.Store(true)
	return res, nil
}

// usedOptions collects the HAVE_ symbols of #if/#ifdef conditions in
// the module's top-level sources.
func usedOptions(u *lint.Unit) (map[string]bool, error) {
	m := u.Module
	used := map[string]bool{}
	for _, f := range append(append([]string(nil), m.Manifest.CFiles...), m.Manifest.HFiles...) {
		src, err := os.ReadFile(m.Path(f))
		if err != nil {
			return nil, err
		}
		for _, l := range csource.Analyze(doc.SplitLines(src)) {
			for c := l.Cond; c != nil; c = c.Parent {
				if c.Kind != csource.Unknown && strings.HasPrefix(c.Symbol, "HAVE_") {
					used[c.Symbol] = true
				}
			}
		}
	}
	return used, nil
}

// configOptions returns the HAVE_ symbols config.h defines to 1, except
// those that must never be overridden.
func configOptions(config string) map[string]bool {
	opts := map[string]bool{}
	for _, line := range strings.Split(config, "\n") {
		if !csource.Token(&line, "#") || !csource.Token(&line, "define") {
			continue
		}
		sym := csource.Symbol(&line)
		if !strings.HasPrefix(sym, "HAVE_") || strings.HasSuffix(sym, "_ENDIAN") || sym == "HAVE_STRUCT_TIMESPEC" {
			continue
		}
		if csource.Token(&line, "1") {
			opts[sym] = true
		}
	}
	return opts
}
