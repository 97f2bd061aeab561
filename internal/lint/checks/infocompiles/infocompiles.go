// Package infocompiles implements the info_compiles check: _info compiles.
//
// The module's _info is copied to _info.c in the module's scratch
// directory and compiled and linked with the global compiler flags and
// -I<ccan dir>. A compile error fails the check (and, the check being
// compulsory, stops the module); warnings are not counted. In safe mode
// nothing is compiled: the check passes with 0/1 so that its dependents
// still run.
//
// The _info questions the driver and the checks ask need the same
// compile (same compiler, flags and include path); when the run has an
// _info compiler (Config.BuildInfo), its program is used instead of
// compiling _info again, and its compile errors are reported.
package infocompiles

import (
	"errors"
	"os"
	"path/filepath"

	"github.com/ccan-archive/ccan/internal/lint"
	"github.com/ccan-archive/ccan/internal/lint/checks/infoexists"
	"github.com/ccan-archive/ccan/internal/module"
)

// Check is the info_compiles check.
var Check = &lint.Check{
	Name:       "info_compiles",
	Title:      "_info compiles",
	Doc:        "_info compiles as a C program",
	Compulsory: true,
	Requires:   []*lint.Check{infoexists.Check},
	Run:        run,
}

func run(pass *lint.Pass) (any, error) {
	u := pass.Unit
	if u.Cfg.Safe {
		pass.Score(true, 0, 1)
		return nil, nil
	}
	if u.Cfg.BuildInfo != nil {
		_, err := u.Cfg.BuildInfo(pass.Ctx, u.Module.Tree, u.Module.Name)
		var be *module.BuildError
		switch {
		case errors.As(err, &be):
			pass.Reportf("_info", 0, "Errors compiling _info:\n%s", be.Output)
			return nil, nil
		case err != nil:
			return nil, err
		}
		pass.Pass()
		return nil, nil
	}
	src, err := os.ReadFile(u.Module.Path("_info"))
	if err != nil {
		pass.Reportf("_info", 0, "could not be read: %v", err)
		return nil, nil
	}
	c := filepath.Join(u.Work, "_info.c")
	if err := os.WriteFile(c, src, 0o644); err != nil {
		return nil, err
	}
	r, err := u.CompileAndLink(pass.Ctx, c, lint.CompileOpts{Out: filepath.Join(u.Work, "info")})
	if err != nil {
		return nil, err
	}
	if !r.OK() {
		pass.Reportf("_info", 0, "Errors compiling _info:\n%s", r.Output)
		return nil, nil
	}
	pass.Pass()
	return nil, nil
}
