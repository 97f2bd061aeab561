// Package modulelinks implements the module_links check: Module can be
// linked against trivial program.
//
// A program whose only content is an #include of the main header and an
// empty main is compiled (global flags and the module's _info cflags)
// and linked with the module's object, its dependencies' objects and the
// libraries of the module and its recursive depends. 1/1, or FAIL 0/1.
// Not run in safe mode.
package modulelinks

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/ccan-archive/ccan/internal/lint"
	"github.com/ccan-archive/ccan/internal/lint/buildutil"
	"github.com/ccan-archive/ccan/internal/lint/checks/dependsbuild"
	"github.com/ccan-archive/ccan/internal/lint/checks/modulebuilds"
	"github.com/ccan-archive/ccan/internal/module"
)

// Check is the module_links check.
var Check = &lint.Check{
	Name:       "module_links",
	Title:      "Module can be linked against trivial program",
	Doc:        "a trivial program including the main header links with the module",
	Compulsory: false,
	Requires:   []*lint.Check{modulebuilds.Check, dependsbuild.Check},
	CanRun:     buildutil.SafeMode,
	Run:        run,
}

func run(pass *lint.Pass) (any, error) {
	u := pass.Unit
	m := u.Module
	src := filepath.Join(u.Work, "module_links.c")
	text := fmt.Sprintf("#include <ccan/%s/%s.h>\nint main(void)\n{\n\treturn 0;\n}\n", m.Name, m.Basename())
	if err := os.WriteFile(src, []byte(text), 0o644); err != nil {
		return nil, err
	}
	flags, err := buildutil.InfoCFlags(pass.Ctx, u)
	if err != nil {
		return nil, err
	}
	libs, err := buildutil.Libs(pass.Ctx, u, module.Depends)
	if err != nil {
		return nil, err
	}
	var objs []string
	if r, ok := lint.ResultAs[*modulebuilds.Result](pass, modulebuilds.Check); ok && r != nil && r.Object != "" {
		objs = append(objs, r.Object)
	}
	if d, ok := lint.ResultAs[*dependsbuild.Result](pass, dependsbuild.Check); ok && d != nil {
		objs = append(objs, d.DepObjects...)
	}
	r, err := u.CompileAndLink(pass.Ctx, src, lint.CompileOpts{
		Flags: flags, Objects: objs, Libs: libs, Out: filepath.Join(u.Work, "module_links"),
	})
	if err != nil {
		return nil, err
	}
	if !r.OK() {
		pass.Report(r.Output)
		return nil, nil
	}
	pass.Pass()
	return nil, nil
}
