// Package clangbuild implements the clang_builds extra check: a second
// compiler builds the module warning-free.
//
// Each top-level .c file is compiled to an object with clang, using the
// same flags as objects_build (the global cflags and the module's _info
// cflags; -Wno-unknown-warning-option keeps gcc-only warning flags from
// counting). A second compiler sees other mistakes: different warnings,
// stricter reading of extensions. Any compiler output fails the check
// (0/1), as does an error. The check does not apply when clang is not
// installed.
package clangbuild

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/ccan-archive/ccan/internal/build"
	"github.com/ccan-archive/ccan/internal/lint"
	"github.com/ccan-archive/ccan/internal/lint/buildutil"
	"github.com/ccan-archive/ccan/internal/lint/checks/objectsbuild"
)

// Check is the clang_builds check.
var Check = New("clang")

// New returns the check for the second compiler cc (a command name).
func New(cc string) *lint.Check {
	return &lint.Check{
		Name:     "clang_builds",
		Title:    "Module object files build warning-free with " + cc,
		Doc:      "the module's .c files compile with a second compiler (" + cc + ") without warnings",
		Extra:    true,
		Requires: []*lint.Check{objectsbuild.Check},
		CanRun:   func(p *lint.Pass) string { return canRun(p, cc) },
		Run:      func(p *lint.Pass) (any, error) { return run(p, cc) },
	}
}

func canRun(pass *lint.Pass, cc string) string {
	switch {
	case pass.Unit.Cfg.Safe:
		return "Safe mode enabled"
	case len(pass.Unit.Module.Manifest.CFiles) == 0:
		return "No .c files"
	}
	if _, err := exec.LookPath(cc); err != nil {
		return cc + " is not installed"
	}
	return ""
}

func run(pass *lint.Pass, cc string) (any, error) {
	u := pass.Unit
	flags, err := buildutil.InfoCFlags(pass.Ctx, u)
	if err != nil {
		return nil, err
	}
	dir := filepath.Join(u.Work, "cc-"+filepath.Base(cc))
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	clean := true
	for _, c := range u.Module.Manifest.CFiles {
		out := filepath.Join(dir, strings.TrimSuffix(c, ".c")+".o")
		args := []string{cc, "-Wno-unknown-warning-option"}
		args = append(args, u.Cfg.CFlags...)
		args = append(args, flags...)
		args = append(args, u.Cfg.IncludeFlags(u.Module.Tree.Dir)...)
		args = append(args, "-c", "-o", out, u.Module.Path(c))
		r, err := u.Cfg.Builder.Do(pass.Ctx, &build.Action{
			Args: args, Dir: u.Work, Inputs: []string{u.Module.Path(c)}, Outputs: []string{out},
			DepFile: true, Work: u.Cfg.Work,
		})
		if err != nil {
			return nil, err
		}
		switch {
		case !r.OK():
			pass.Reportf(c, 0, "%s failed:\n%s", cc, strings.TrimSpace(r.Output))
			clean = false
		case r.Output != "":
			pass.Reportf(c, 0, "%s warnings:\n%s", cc, strings.TrimSpace(r.Output))
			clean = false
		}
	}
	if clean {
		pass.Pass()
	} else {
		pass.Fail()
	}
	return nil, nil
}
