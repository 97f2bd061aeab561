// Package srcdocutil holds helpers shared by the source and
// documentation checks: module files read once per lint unit, split
// into lines and analysed for preprocessor structure, and the module's
// License: tag.
package srcdocutil

import (
	"os"
	"sync"

	"github.com/ccan-archive/ccan/internal/csource"
	"github.com/ccan-archive/ccan/internal/doc"
	"github.com/ccan-archive/ccan/internal/lint"
	"github.com/ccan-archive/ccan/internal/module"
)

// File is one module file as the checks see it.
type File struct {
	Name  string   // module-relative ("test/run.c")
	Text  string   // contents
	Lines []string // Text split with doc.SplitLines

	once sync.Once
	info []csource.Line
}

// Info returns the file's line analysis (computed once, so that
// condition pointers are shared by every check that asks).
func (f *File) Info() []csource.Line {
	f.once.Do(func() { f.info = csource.Analyze(f.Lines) })
	return f.info
}

type fileOrErr struct {
	f   *File
	err error
}

// Read returns the named module file, read once per unit.
func Read(u *lint.Unit, name string) (*File, error) {
	v := u.Memo("srcdocutil.file:"+name, func() any {
		b, err := os.ReadFile(u.Module.Path(name))
		if err != nil {
			return fileOrErr{err: err}
		}
		return fileOrErr{f: &File{Name: name, Text: string(b), Lines: doc.SplitLines(b)}}
	}).(fileOrErr)
	return v.f, v.err
}

// ReadAll reads each named file in order.
func ReadAll(u *lint.Unit, names ...[]string) ([]*File, error) {
	var out []*File
	for _, list := range names {
		for _, n := range list {
			f, err := Read(u, n)
			if err != nil {
				return nil, err
			}
			out = append(out, f)
		}
	}
	return out, nil
}

// LicenseTag returns the _info License: section documenting the module
// itself (its function is the module name), or nil.
func LicenseTag(m *module.Module) *doc.Section {
	return FindSection(m.Docs, m.Name, "license")
}

// FindSection returns the first section of exactly type typ whose
// function is fn, or nil.
func FindSection(secs []doc.Section, fn, typ string) *doc.Section {
	for i := range secs {
		if secs[i].Function == fn && secs[i].Type == typ {
			return &secs[i]
		}
	}
	return nil
}

// FirstLine returns a section's first line ("" if it has none), which is
// what ccanlint compares (e.g. the license string).
func FirstLine(s *doc.Section) string {
	if s == nil || len(s.Lines) == 0 {
		return ""
	}
	return s.Lines[0]
}
