// Package infoported implements the info_ported check: _info indicates
// support for this platform.
//
// The check itself always passes (1/1); what matters is its CanRun
// hook: `_info ported` of the module and then of every module in its
// recursive depends is asked in turn, and the first non-empty single
// line answer makes the check "skipped ('_info ported' says '<line>')",
// so every build check below it cannot run. An empty answer or a single
// empty line means "ported". An answer of two or more lines is an error
// in the _info (the original aborts ccanlint): the check then fails.
// Safe mode cannot ask _info, so it assumes the module is ported.
package infoported

import (
	"fmt"
	"strings"

	"github.com/ccan-archive/ccan/internal/lint"
	"github.com/ccan-archive/ccan/internal/lint/checks/infocompiles"
	"github.com/ccan-archive/ccan/internal/module"
)

// Check is the info_ported check.
var Check = &lint.Check{
	Name:       "info_ported",
	Title:      "_info indicates support for this platform",
	Doc:        "_info indicates support for this platform",
	Compulsory: false,
	Requires:   []*lint.Check{infocompiles.Check},
	CanRun:     canRun,
	Run:        run,
}

type verdict struct {
	msg string // why the module is not ported ("" = ported)
	err error  // _info answered badly
}

func canRun(pass *lint.Pass) string {
	v := ported(pass)
	if v.msg != "" {
		return fmt.Sprintf("'_info ported' says '%s'", v.msg)
	}
	return ""
}

func run(pass *lint.Pass) (any, error) {
	if v := ported(pass); v.err != nil {
		pass.Report(v.err.Error())
		pass.Fail()
		return nil, nil
	}
	pass.Pass()
	return nil, nil
}

// ported asks (once per unit) the module and its dependencies.
func ported(pass *lint.Pass) verdict {
	u := pass.Unit
	return u.Memo("infoported.verdict", func() any {
		if u.Cfg.Safe {
			return verdict{}
		}
		names := []string{u.Module.Name}
		deps, err := u.Module.Deps(pass.Ctx, u.Cfg.Querier, module.DepsOptions{Style: module.Depends})
		if err == nil {
			for _, d := range deps {
				if n, ok := strings.CutPrefix(d, "ccan/"); ok {
					names = append(names, n)
				}
			}
		}
		for _, n := range names {
			if v := portedOne(pass, n); v != (verdict{}) {
				return v
			}
		}
		return verdict{}
	}).(verdict)
}

func portedOne(pass *lint.Pass, name string) verdict {
	lines, err := pass.Unit.QueryModule(pass.Ctx, name, module.Ported)
	switch {
	case err != nil:
		return verdict{} // depends_exist reports modules it cannot ask
	case len(lines) > 1:
		return verdict{err: fmt.Errorf("ccan/%s/_info ported gave %d lines, not one", name, len(lines))}
	case len(lines) == 1 && lines[0] != "":
		return verdict{msg: lines[0]}
	}
	return verdict{}
}
