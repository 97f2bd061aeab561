// Package staticinline implements the static_inline extra check: no
// static inline functions in .c files.
//
// In a header, "static inline" lets every includer get its own copy
// without warnings for the ones it does not call. In a .c file the
// inline only hides -Wunused-function: an unused helper stays in the
// source unnoticed. The compiler inlines static functions on its own, so
// a .c file should just say "static". Each definition is reported at the
// line where it starts.
package staticinline

import (
	"github.com/ccan-archive/ccan/internal/lint"
	"github.com/ccan-archive/ccan/internal/lint/checks/infoexists"
	"github.com/ccan-archive/ccan/internal/lint/extrautil"
)

// Check is the static_inline check.
var Check = &lint.Check{
	Name:     "static_inline",
	Title:    "Module .c files have no static inline functions",
	Doc:      "static inline in a .c file hides unused-function warnings; use plain static.",
	Extra:    true,
	Requires: []*lint.Check{infoexists.Check},
	Run:      run,
}

func run(pass *lint.Pass) (any, error) {
	files, err := extrautil.Sources(pass.Unit, false)
	if err != nil {
		return nil, err
	}
	var found []extrautil.Finding
	for _, f := range files {
		for _, fn := range f.Funcs {
			if isStaticInline(fn.Decl(f.Toks)) {
				found = append(found, extrautil.Finding{
					File: f.Name, Line: f.Toks[fn.Start].Line,
					Message: "static inline function " + fn.Name + " in a .c file hides unused-function warnings: use static",
				})
			}
		}
	}
	extrautil.Report(pass, found)
	return nil, nil
}

func isStaticInline(decl []extrautil.Token) bool {
	static, inline := false, false
	for _, t := range decl {
		if t.Kind != extrautil.Ident || t.Directive {
			continue
		}
		static = static || t.Text == "static"
		inline = inline || extrautil.IsInline(t.Text)
	}
	return static && inline
}
