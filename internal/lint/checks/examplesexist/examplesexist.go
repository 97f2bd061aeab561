// Package examplesexist implements the examples_exist check: _info and
// main header file have Example: sections.
//
// Every "Example:" doc section of _info and of every top-level header is
// written to its own file in the module's scratch directory, named as
// ccanlint names it (example-<file>-<function>, spaces turned into '_',
// with the last '.'-extension of that name replaced by ".c"), starting
// with a #line marker so that compiler messages point at the doc comment.
// Those files are what examples_compile builds.
//
// The score is out of 2: one point when _info has an example, one when
// some header has. The check passes even at 0/2; it fails only when a
// file cannot be written.
package examplesexist

import (
	"errors"
	"fmt"
	"os"
	"strings"

	"github.com/ccan-archive/ccan/internal/doc"
	"github.com/ccan-archive/ccan/internal/lint"
	"github.com/ccan-archive/ccan/internal/lint/checks/infoexists"
	"github.com/ccan-archive/ccan/internal/lint/checks/mainheaderexists"
	"github.com/ccan-archive/ccan/internal/lint/examplesutil"
)

// Check is the examples_exist check.
var Check = &lint.Check{
	Name:       "examples_exist",
	Title:      "_info and main header file have Example: sections",
	Compulsory: false,
	Doc:        "_info and the headers have Example: sections (extracted for examples_compile)",
	Requires:   []*lint.Check{infoexists.Check, mainheaderexists.Check},
	Run:        run,
}

// Example is one Example: section extracted to a file.
type Example struct {
	Source   string   // module-relative file it came from ("_info", "list.h")
	Function string   // documented name it belongs to ("" if none)
	Line     int      // line of the section in Source
	Lines    []string // the example's lines
	Path     string   // absolute path of the extracted .c file
}

// Result lists the extracted examples: _info's first, then headers'.
type Result struct {
	Examples []Example
}

func run(pass *lint.Pass) (any, error) {
	m := pass.Unit.Module
	res := &Result{}
	pass.Score(false, 0, 2)
	haveInfo, err := extract(pass, res, m.Manifest.Info, m.Docs)
	if err != nil {
		pass.Report(err.Error())
		return res, nil
	}
	haveHeader := false
	for _, h := range m.Manifest.HFiles {
		secs, _, err := doc.ParseFile(m.Path(h))
		if err != nil {
			return nil, err
		}
		found, err := extract(pass, res, h, secs)
		if err != nil {
			pass.Report(err.Error())
			return res, nil
		}
		haveHeader = haveHeader || found
	}
	if !haveInfo {
		pass.Reportf(m.Manifest.Info, 0, "No Example: section")
	}
	if !haveHeader {
		pass.Reportf(m.MainHeader(), 0, "No Example: section")
	}
	// ccanlint does not fail a module for missing examples.
	pass.Score(true, b2i(haveInfo)+b2i(haveHeader), 2)
	return res, nil
}

// extract writes the Example: sections of secs (from the module file
// source) and reports whether there was any.
func extract(pass *lint.Pass, res *Result, source string, secs []doc.Section) (bool, error) {
	found := false
	for _, s := range secs {
		if s.Type != "example" {
			continue
		}
		ex, err := write(pass.Unit, source, s)
		if err != nil {
			return found, err
		}
		res.Examples = append(res.Examples, ex)
		found = true
	}
	return found, nil
}

func write(u *lint.Unit, source string, s doc.Section) (Example, error) {
	fn := s.Function
	if fn == "" {
		fn = "(null)" // what ccanlint's printf makes of a missing name
	}
	name := strings.ReplaceAll("example-"+source+"-"+fn, " ", "_")
	ex := Example{
		Source: source, Function: s.Function, Line: s.Line, Lines: s.Lines,
		Path: examplesutil.TempName(u.Work, ".c", name),
	}
	marker := fmt.Sprintf("#line %d \"%s\"", s.Line+1, u.Module.Path(source))
	text := examplesutil.Content(append([]string{marker}, s.Lines...))
	f, err := os.OpenFile(ex.Path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		//lint:ignore ST1005 ccanlint's message, shown to users as is
		return ex, fmt.Errorf("Creating temporary file %s: %v", ex.Path, err)
	}
	_, err = f.WriteString(text)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		//lint:ignore ST1005 ccanlint's message, shown to users as is
		return ex, errors.New("Failure writing to temporary file")
	}
	return ex, nil
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}
