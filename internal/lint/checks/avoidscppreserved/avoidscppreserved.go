// Package avoidscppreserved implements the avoids_cpp_reserved check: Modules main header compiles without C++ reserved words.
package avoidscppreserved

import (
	"github.com/ccan-archive/ccan/internal/lint"
	"github.com/ccan-archive/ccan/internal/lint/checks/mainheadercompiles"
)

// Check is the avoids_cpp_reserved check.
var Check = &lint.Check{
	Name:       "avoids_cpp_reserved",
	Title:      "Modules main header compiles without C++ reserved words",
	Compulsory: false,
	Requires:   []*lint.Check{mainheadercompiles.Check},
	Run:        run,
}

func run(pass *lint.Pass) (any, error) {
	return nil, lint.ErrNotImplemented
}
