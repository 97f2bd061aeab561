// Package avoidscppreserved implements the avoids_cpp_reserved check:
// Modules main header compiles without C++ reserved words.
//
// The main header is compiled (global flags) after each of 31 C++
// keywords (alignas, class, constexpr, ..., using, virtual) has been
// #defined to an invalid token, so that any use of one is an error.
// 1/1 if it compiles; otherwise PASS 0/1 (this never fails the module).
// Not run in safe mode.
package avoidscppreserved

import (
	"strings"

	"github.com/ccan-archive/ccan/internal/lint"
	"github.com/ccan-archive/ccan/internal/lint/buildutil"
	"github.com/ccan-archive/ccan/internal/lint/checks/mainheadercompiles"
)

// Check is the avoids_cpp_reserved check.
var Check = &lint.Check{
	Name:       "avoids_cpp_reserved",
	Title:      "Modules main header compiles without C++ reserved words",
	Doc:        "the main header does not use C++ reserved words",
	Compulsory: false,
	Requires:   []*lint.Check{mainheadercompiles.Check},
	CanRun:     buildutil.SafeMode,
	Run:        run,
}

// reserved are the C++ words the header must not use.
var reserved = strings.Fields(`alignas class constexpr const_cast decltype delete
	dynamic_cast explicit false friend mutable namespace new nullptr operator
	public private protected reinterpret_cast static_assert static_cast
	template this thread_local throw true try typeid typename using virtual`)

func run(pass *lint.Pass) (any, error) {
	var pre strings.Builder
	for _, w := range reserved {
		pre.WriteString("#define " + w + " #DONT_USE_CPLUSPLUS_RESERVED_NAMES\n")
	}
	r, err := buildutil.CompileHeader(pass, "cpp-reserved", pre.String())
	if err != nil {
		return nil, err
	}
	if !r.OK() {
		pass.Report("Main header file with C++ names:\n" + r.Output)
		pass.Score(true, 0, 1)
		return nil, nil
	}
	pass.Pass()
	return nil, nil
}
