// Package dependsexist implements the depends_exist check: Module's
// CCAN dependencies can be found.
//
// The recursive `_info depends` closure of the module is computed (in
// safe mode, from the text scan of _info files) and every ccan/ entry
// must be a directory of the tree. Entries that do not start with
// "ccan/" are external dependencies: they only mark the module as
// having non-CCAN dependencies (see --deps-fail-ignore). 1/1, or FAIL
// 0/1; the check is compulsory.
package dependsexist

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/ccan-archive/ccan/internal/lint"
	"github.com/ccan-archive/ccan/internal/lint/checks/infocompiles"
	"github.com/ccan-archive/ccan/internal/module"
)

// Check is the depends_exist check.
var Check = &lint.Check{
	Name:       "depends_exist",
	Title:      "Module's CCAN dependencies can be found",
	Doc:        "the module's CCAN dependencies (recursively) exist in the tree",
	Compulsory: true,
	Requires:   []*lint.Check{infocompiles.Check},
	Run:        run,
}

// Result lists the module's CCAN dependencies.
type Result struct {
	// Deps is the recursive closure of ccan/ dependencies, in
	// ccan_depends order (breadth first), without the module itself.
	Deps []string
	// NonCCAN are the non-ccan depends lines (e.g. "Judy") of the
	// module and of the modules in its closure.
	NonCCAN []string
}

func run(pass *lint.Pass) (any, error) {
	u := pass.Unit
	deps, err := u.Module.Deps(pass.Ctx, u.Cfg.Querier, module.DepsOptions{Style: module.Depends})
	if err != nil {
		// A missing dependency usually makes the closure fail: say which.
		direct, derr := u.Query(pass.Ctx, module.Depends)
		if derr == nil && missing(pass, direct) {
			return nil, nil
		}
		pass.Report(fmt.Sprintf("Could not extract dependencies: %v", err))
		return nil, nil
	}
	res := &Result{}
	self := "ccan/" + u.Module.Name
	for _, d := range deps {
		switch {
		case !strings.HasPrefix(d, "ccan/"):
			u.NonCCANDeps.Store(true)
			res.NonCCAN = append(res.NonCCAN, d)
		case d == self:
		default:
			res.Deps = append(res.Deps, d)
		}
	}
	if missing(pass, res.Deps) {
		return nil, nil
	}
	pass.Pass()
	return res, nil
}

// missing reports (and records) the first ccan/ entry of deps that is
// not in the tree.
func missing(pass *lint.Pass, deps []string) bool {
	for _, d := range deps {
		if !strings.HasPrefix(d, "ccan/") {
			continue
		}
		if err := Exists(pass.Unit, d); err != nil {
			pass.Report(err.Error())
			return true
		}
	}
	return false
}

// Exists checks that the ccan/ dependency dep is present in the tree.
func Exists(u *lint.Unit, dep string) error {
	dir := filepath.Join(u.Module.Tree.Dir, filepath.FromSlash(dep))
	if _, err := os.Stat(dir); err != nil {
		//lint:ignore ST1005 ccanlint's message, shown to users as is
		return fmt.Errorf("Could not stat dependency %s: %v", dir, pathErr(err))
	}
	return nil
}

// pathErr strips the path from an *os.PathError (the message already
// names it).
func pathErr(err error) error {
	if pe, ok := err.(*os.PathError); ok {
		return pe.Err
	}
	return err
}
