// Package headersidempotent implements the headers_idempotent check: Module headers are #ifndef/#define wrapped.
//
// Every top-level header of three or more lines must be safe to include
// twice: its first non-comment line "#ifndef SYM" (or "#if
// !defined(SYM)"), the next "#define SYM", and all later code inside
// that condition (see csource.CheckGuard). Problems score 0/1 but do not
// fail the check.
package headersidempotent

import (
	"github.com/ccan-archive/ccan/internal/csource"
	"github.com/ccan-archive/ccan/internal/lint"
	"github.com/ccan-archive/ccan/internal/lint/checks/infoexists"
	"github.com/ccan-archive/ccan/internal/lint/checks/mainheaderexists"
	"github.com/ccan-archive/ccan/internal/lint/srcdocutil"
)

// Check is the headers_idempotent check.
var Check = &lint.Check{
	Name:       "headers_idempotent",
	Title:      "Module headers are #ifndef/#define wrapped",
	Compulsory: false,
	Requires:   []*lint.Check{infoexists.Check, mainheaderexists.Check},
	Run:        run,
}

// Result maps each header (module-relative name) to its include guard's
// condition, for headers that have one.
type Result struct {
	Guards map[string]*csource.Cond
}

func run(pass *lint.Pass) (any, error) {
	files, err := srcdocutil.ReadAll(pass.Unit, pass.Unit.Module.Manifest.HFiles)
	if err != nil {
		return nil, err
	}
	res := &Result{Guards: map[string]*csource.Cond{}}
	ok := true
	for _, f := range files {
		g := csource.CheckGuard(f.Lines, f.Info())
		if g.Cond != nil {
			res.Guards[f.Name] = g.Cond
		}
		if g.Problem != "" {
			pass.Reportf(f.Name, g.Line, "%s", g.Problem)
			ok = false
		}
	}
	if ok {
		pass.Pass()
	} else {
		pass.Score(true, 0, 1) // not a failure
	}
	return res, nil
}
