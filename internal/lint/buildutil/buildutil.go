// Package buildutil holds what the build-chain checks share: the
// module's _info cflags and library lists, object builds scored the way
// ccanlint's build_objects scores them, test helper and test program
// builds, and the reduced-features variants of all of these.
//
// Every compile and link goes through the unit's build-cache helpers
// (lint.Unit.CompileObject, CompileAndLink, LinkObjects, BuildDep).
package buildutil

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/ccan-archive/ccan/internal/build"
	"github.com/ccan-archive/ccan/internal/lint"
	"github.com/ccan-archive/ccan/internal/module"
)

// SafeModeReason is the can't-run reason of build checks in safe mode.
const SafeModeReason = "Safe mode enabled"

// NoFeaturesReason is the can't-run reason of the reduced-features
// checks when reduce_features turned nothing off.
const NoFeaturesReason = "No features to turn off"

// SafeMode is a CanRun hook: build checks do not run in safe mode.
func SafeMode(p *lint.Pass) string {
	if p.Unit.Cfg.Safe {
		return SafeModeReason
	}
	return ""
}

// FeaturesReduced is a CanRun hook for checks that only make sense when
// reduce_features turned something off.
func FeaturesReduced(p *lint.Pass) string {
	if p.Unit.FeaturesReduced.Load() {
		return ""
	}
	return NoFeaturesReason
}

// ReducedDir is the directory holding the unit's reduced config.h.
func ReducedDir(u *lint.Unit) string { return filepath.Join(u.Work, "reduced-features") }

// ReducedFlag puts the reduced config.h ahead of the tree's.
func ReducedFlag(u *lint.Unit) string { return "-I" + ReducedDir(u) }

// InfoCFlags returns the module's `_info cflags` answer split into
// words (each line is appended to the command line, as ccanlint does).
func InfoCFlags(ctx context.Context, u *lint.Unit) ([]string, error) {
	lines, err := u.Query(ctx, module.CFlags)
	if err != nil {
		return nil, err
	}
	var flags []string
	for _, l := range lines {
		flags = append(flags, strings.Fields(l)...)
	}
	return flags, nil
}

// Libs returns the libraries to link with, as ccanlint's get_libs: the
// module's own `_info libs`, then the own libs of each module in the
// recursive closure of style (Depends, or TestDepends followed by the
// Depends closure not already listed). Not de-duplicated.
func Libs(ctx context.Context, u *lint.Unit, style string) ([]string, error) {
	libs, err := u.Query(ctx, module.Libs)
	if err != nil {
		return nil, err
	}
	libs = append([]string(nil), libs...)
	deps, err := u.Module.Deps(ctx, u.Cfg.Querier, module.DepsOptions{Style: style})
	if err != nil {
		return nil, err
	}
	if style == module.TestDepends {
		more, err := u.Module.Deps(ctx, u.Cfg.Querier, module.DepsOptions{Style: module.Depends})
		if err != nil {
			return nil, err
		}
		deps = appendNew(deps, more)
	}
	for _, d := range deps {
		name, ok := strings.CutPrefix(d, "ccan/")
		if !ok {
			continue
		}
		own, err := u.QueryModule(ctx, name, module.Libs)
		if err != nil {
			return nil, err
		}
		libs = append(libs, own...)
	}
	return libs, nil
}

func appendNew(list, more []string) []string {
	have := make(map[string]bool, len(list))
	for _, s := range list {
		have[s] = true
	}
	for _, s := range more {
		if !have[s] {
			have[s] = true
			list = append(list, s)
		}
	}
	return list
}

// objName maps a module-relative .c file to a file in dir with suffix,
// creating the directory it goes in (a failure shows in the compile).
func objName(dir, file, suffix string) string {
	out := filepath.Join(dir, filepath.FromSlash(strings.TrimSuffix(file, ".c"))+suffix)
	os.MkdirAll(filepath.Dir(out), 0o755)
	return out
}

// BuildObjects compiles each top-level .c file of the module into dir
// and scores the pass as ccanlint's build_objects: total 2 (0 without
// .c files), one point lost to any compiler output, any error fails
// (and marks the unit's build as failed). It returns the objects in
// Manifest.CFiles order (nil if any failed).
func BuildObjects(p *lint.Pass, dir string, opts lint.CompileOpts) ([]string, error) {
	u := p.Unit
	cfiles := u.Module.Manifest.CFiles
	total := 2
	if len(cfiles) == 0 {
		total = 0
	}
	p.Score(false, 0, total)
	var objs []string
	failed, warned := false, false
	for _, c := range cfiles {
		o := opts
		o.Out = objName(dir, c, ".o")
		r, err := u.CompileObject(p.Ctx, u.Module.Path(c), o)
		if err != nil {
			return nil, err
		}
		switch {
		case !r.OK():
			p.Reportf(c, 0, "Compiling object files:\n%s", r.Output)
			failed = true
		case r.Output != "":
			p.Reportf(c, 0, "Compiling object files gave warnings:\n%s", r.Output)
			warned = true
		}
		objs = append(objs, o.Out)
	}
	if failed {
		u.BuildFailed.Store(true)
		return nil, nil
	}
	p.Score(true, total-b2i(warned), total)
	return objs, nil
}

// CompileHelpers compiles the module's test helper sources (other
// test/*.c) into dir and scores the pass as tests_helpers_compile:
// total 2 (0 without helpers), one point lost to any output, any error
// fails. It returns the objects in name order.
func CompileHelpers(p *lint.Pass, dir string, opts lint.CompileOpts) ([]string, error) {
	u := p.Unit
	helpers := u.Module.Manifest.TestHelpers
	total := 2
	if len(helpers) == 0 {
		total = 0
	}
	p.Score(false, 0, total)
	var objs []string
	failed, warned := false, false
	for _, h := range helpers {
		o := opts
		o.Out = objName(dir, h, ".o")
		r, err := u.CompileObject(p.Ctx, u.Module.Path(h), o)
		if err != nil {
			return nil, err
		}
		switch {
		case !r.OK():
			p.Reportf(h, 0, "Compile failed:\n%s", r.Output)
			failed = true
		case r.Output != "":
			p.Reportf(h, 0, "Compile gave warnings:\n%s", r.Output)
			warned = true
		}
		objs = append(objs, o.Out)
	}
	if failed {
		return nil, nil
	}
	p.Score(true, total-b2i(warned), total)
	return objs, nil
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// DepObjects builds (through the unit's shared dependency builds) each
// ccan/ module of deps, reduced selecting the reduced-features variant.
// It returns the objects of those that have .c files, in order, or an
// error describing the first dependency that did not build, worded as
// ccanlint's depends_build.
func DepObjects(ctx context.Context, u *lint.Unit, deps []string, reduced bool) ([]string, error) {
	var objs []string
	for _, d := range deps {
		name, ok := strings.CutPrefix(d, "ccan/")
		if !ok {
			continue
		}
		do := u.BuildDep(ctx, name, reduced)
		if do.Err != nil {
			return objs, &DepError{Name: name, Err: do.Err}
		}
		if do.Object != "" {
			objs = append(objs, do.Object)
		}
	}
	return objs, nil
}

// DepError is a dependency that did not build.
type DepError struct {
	Name string
	Err  error
}

func (e *DepError) Error() string {
	return fmt.Sprintf("Dependency %s did not build:\nDependency %s did not build:\n%v", e.Name, e.Name, e.Err)
}

// ReportDepError scores a depends_build-style pass from err: a
// *DepError fails the check with its message, other errors are returned.
func ReportDepError(p *lint.Pass, err error) error {
	var de *DepError
	if errors.As(err, &de) {
		p.Report(de.Error())
		p.Fail()
		return nil
	}
	return err
}

// CompileHeader compiles (global flags only) a file <name>.c in the
// unit's scratch directory holding prefix and then an #include of the
// module's main header.
func CompileHeader(p *lint.Pass, name, prefix string) (*build.Result, error) {
	u := p.Unit
	m := u.Module
	src := filepath.Join(u.Work, name+".c")
	text := prefix + fmt.Sprintf("#include <ccan/%s/%s.h>\n", m.Name, m.Basename())
	if err := os.WriteFile(src, []byte(text), 0o644); err != nil {
		return nil, err
	}
	return u.CompileObject(p.Ctx, src, lint.CompileOpts{Out: filepath.Join(u.Work, name+".o")})
}
