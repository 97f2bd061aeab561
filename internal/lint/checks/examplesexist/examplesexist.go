// Package examplesexist implements the examples_exist check: _info and main header file have Example: sections.
package examplesexist

import (
	"github.com/ccan-archive/ccan/internal/lint"
	"github.com/ccan-archive/ccan/internal/lint/checks/infoexists"
	"github.com/ccan-archive/ccan/internal/lint/checks/mainheaderexists"
)

// Check is the examples_exist check.
var Check = &lint.Check{
	Name:       "examples_exist",
	Title:      "_info and main header file have Example: sections",
	Compulsory: false,
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
	return nil, lint.ErrNotImplemented
}
