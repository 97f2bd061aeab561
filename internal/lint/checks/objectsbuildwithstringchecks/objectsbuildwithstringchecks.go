// Package objectsbuildwithstringchecks implements the
// objects_build_with_stringchecks check: Module compiles with extra
// ctype.h and str function checks.
//
// It applies only when some top-level .c or .h file mentions a ctype.h
// classifier (isalnum ... isxdigit) or strstr/strchr/strrchr. Each .c
// file (or, for a header-only module, an #include of the main header) is
// compiled after `#define CCAN_STR_DEBUG 1` and `#include
// <ccan/str/str.h>`, whose debug versions catch misuse, with -I<module
// dir> and the global flags. 1/1 when every compile is silent; otherwise
// PASS 0/1 (this never fails the module).
package objectsbuildwithstringchecks

import (
	"os"
	"path/filepath"
	"regexp"

	"github.com/ccan-archive/ccan/internal/lint"
	"github.com/ccan-archive/ccan/internal/lint/checks/mainheaderexists"
	"github.com/ccan-archive/ccan/internal/lint/checks/objectsbuild"
)

// Check is the objects_build_with_stringchecks check.
var Check = &lint.Check{
	Name:       "objects_build_with_stringchecks",
	Title:      "Module compiles with extra ctype.h and str function checks",
	Doc:        "the module compiles with the debug versions of ctype.h and string functions",
	Compulsory: false,
	Requires:   []*lint.Check{objectsbuild.Check, mainheaderexists.Check},
	CanRun:     canRun,
	Run:        run,
}

var stringFuncs = regexp.MustCompile(`isalnum|isalpha|isascii|isblank|iscntrl|isdigit|isgraph|islower|isprint|ispunct|isspace|isupper|isxdigit|strstr|strchr|strrchr`)

const prologue = "#define CCAN_STR_DEBUG 1\n#include <ccan/str/str.h>\n"

func canRun(pass *lint.Pass) string {
	m := pass.Unit.Module
	for _, f := range append(append([]string(nil), m.Manifest.CFiles...), m.Manifest.HFiles...) {
		src, err := os.ReadFile(m.Path(f))
		if err == nil && stringFuncs.Match(src) {
			return ""
		}
	}
	return "No ctype.h or string functions found"
}

func run(pass *lint.Pass) (any, error) {
	u := pass.Unit
	m := u.Module
	dir := filepath.Join(u.Work, "stringchecks")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	type unit struct{ file, text string }
	var units []unit
	if len(m.Manifest.CFiles) == 0 {
		units = append(units, unit{m.MainHeader(), "#include <ccan/" + m.Name + "/" + m.Basename() + ".h>\n"})
	}
	for _, c := range m.Manifest.CFiles {
		src, err := os.ReadFile(m.Path(c))
		if err != nil {
			return nil, err
		}
		units = append(units, unit{c, string(src)})
	}
	clean := true
	for _, x := range units {
		src := filepath.Join(dir, filepath.Base(x.file)+".c")
		if err := os.WriteFile(src, []byte(prologue+x.text), 0o644); err != nil {
			return nil, err
		}
		r, err := u.CompileObject(pass.Ctx, src, lint.CompileOpts{
			PreFlags: []string{"-I" + m.Dir}, Out: filepath.Join(dir, filepath.Base(x.file)+".o"),
		})
		if err != nil {
			return nil, err
		}
		switch {
		case !r.OK():
			pass.Reportf(x.file, 0, "Compiling object files:\n%s", r.Output)
			clean = false
		case r.Output != "":
			pass.Reportf(x.file, 0, "Compiling object files gave warnings:\n%s", r.Output)
			clean = false
		}
	}
	if clean {
		pass.Pass()
	} else {
		pass.Score(true, 0, 1)
	}
	return nil, nil
}
