package extrautil

import (
	"os"
	"strings"

	"github.com/ccan-archive/ccan/internal/lint"
)

// File is a module source file, tokenized.
type File struct {
	Name   string // module-relative
	Toks   []Token
	Funcs  []Func
	Source string
}

// Sources returns the module's top-level .c files, and its .h files too
// when headers is set, tokenized (once per unit).
func Sources(u *lint.Unit, headers bool) ([]*File, error) {
	names := append([]string(nil), u.Module.Manifest.CFiles...)
	if headers {
		names = append(names, u.Module.Manifest.HFiles...)
	}
	var out []*File
	for _, n := range names {
		f, err := load(u, n)
		if err != nil {
			return nil, err
		}
		out = append(out, f)
	}
	return out, nil
}

type loaded struct {
	f   *File
	err error
}

func load(u *lint.Unit, name string) (*File, error) {
	l := u.Memo("extrautil.file:"+name, func() any {
		src, err := os.ReadFile(u.Module.Path(name))
		if err != nil {
			return loaded{err: err}
		}
		toks := Tokenize(string(src))
		return loaded{f: &File{Name: name, Toks: toks, Funcs: Functions(toks), Source: string(src)}}
	}).(loaded)
	return l.f, l.err
}

// Report records findings, sorted as found, and scores the check: 1/1
// without findings, else a failure 0/1.
func Report(pass *lint.Pass, findings []Finding) {
	for _, f := range findings {
		pass.Reportf(f.File, f.Line, "%s", f.Message)
	}
	if len(findings) == 0 {
		pass.Pass()
		return
	}
	pass.Fail()
}

// Finding is one problem found by a text check.
type Finding struct {
	File    string
	Line    int
	Message string
}

// IsInline reports whether an identifier is an inline keyword.
func IsInline(s string) bool {
	return s == "inline" || strings.TrimSuffix(strings.TrimPrefix(s, "__"), "__") == "inline"
}
