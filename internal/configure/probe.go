package configure

import (
	"fmt"
	"slices"
	"strings"
)

// Style says how a probe's Code becomes a C program and whether the
// program is run. A Style holds exactly one of OutsideMain, DefinesFunc,
// InsideMain and DefinesEverything, optionally combined with Execute and
// MayNotCompile.
type Style uint8

const (
	// OutsideMain: Code is placed before a trivial main.
	OutsideMain Style = 1 << iota
	// DefinesFunc: Code defines a static function named func, which main
	// references so that it is not reported as unused.
	DefinesFunc
	// InsideMain: Code is the body of main(int argc, char *argv[]). The
	// program is run as a sanity check even without Execute.
	InsideMain
	// DefinesEverything: Code is the whole program.
	DefinesEverything
	// Execute: the program is run; exit status 0 means 1.
	Execute
	// MayNotCompile: with Execute, failing to compile means 0 rather
	// than a broken compiler.
	MayNotCompile
)

// String returns the style in the original's "A|B" spelling.
func (s Style) String() string {
	names := []string{"OUTSIDE_MAIN", "DEFINES_FUNC", "INSIDE_MAIN",
		"DEFINES_EVERYTHING", "EXECUTE", "MAY_NOT_COMPILE"}
	var parts []string
	for i, n := range names {
		if s&(1<<i) != 0 {
			parts = append(parts, n)
		}
	}
	if rest := s &^ (1<<len(names) - 1); rest != 0 {
		parts = append(parts, fmt.Sprintf("0x%x", uint8(rest)))
	}
	return strings.Join(parts, "|")
}

// runs reports whether a compiled probe of this style is executed.
func (s Style) runs() bool { return s&(Execute|InsideMain) != 0 }

// mustCompile reports whether failing to compile is an error rather
// than a 0.
func (s Style) mustCompile() bool { return s&Execute != 0 && s&MayNotCompile == 0 }

// Dep is one dependency condition of a probe.
type Dep struct {
	Name string // another probe's name
	Want bool   // the value Name must have; false is the original's "!Name"
}

// String returns the original's spelling: "NAME" or "!NAME".
func (d Dep) String() string {
	if d.Want {
		return d.Name
	}
	return "!" + d.Name
}

func needs(name string) Dep { return Dep{Name: name, Want: true} }
func lacks(name string) Dep { return Dep{Name: name, Want: false} }

// Test is one probe: a C program whose outcome decides one HAVE_ macro.
type Test struct {
	Name      string   // the macro, e.g. "HAVE_TYPEOF"
	Desc      string   // what is probed, for humans
	Style     Style    // how Code becomes a program; see Style
	Depends   []Dep    // all must hold, else the answer is 0 without compiling
	Flags     []string // extra compile flags, after the source file
	Link      []string // extra link arguments, after Flags
	Overrides string   // if this probe passes, this other probe is forced to 1
	Code      string   // C source fragment, see Style
}

// Tests returns the built-in probes in canonical order: the order of
// Config.Values and of the HAVE_ lines in config.h. The slice is new on
// every call and may be modified by the caller.
func Tests() []Test {
	var all []Test
	all = append(all, attributeTests()...)
	all = append(all, builtinTests()...)
	all = append(all, headerTests()...)
	all = append(all, libraryTests()...)
	all = append(all, runtimeTests()...)
	order := canonicalOrder()
	pos := make(map[string]int, len(order))
	for i, n := range order {
		pos[n] = i
	}
	slices.SortStableFunc(all, func(a, b Test) int {
		return pos[a.Name] - pos[b.Name]
	})
	return all
}

// Source returns the complete C program for t.
func (t Test) Source() string {
	var b strings.Builder
	fmt.Fprintf(&b, "/* ccan configure probe: %s (%s) */\n", t.Name, t.Desc)
	const mainStart = "int main(int argc, char *argv[])\n{\n\t(void)argc;\n\t(void)argv;\n"
	code := t.Code
	if !strings.HasSuffix(code, "\n") {
		code += "\n"
	}
	switch {
	case t.Style&InsideMain != 0:
		b.WriteString(mainStart + code + "}\n")
	case t.Style&OutsideMain != 0:
		b.WriteString(code + mainStart + "\treturn 0;\n}\n")
	case t.Style&DefinesFunc != 0:
		b.WriteString(code + mainStart + "\t(void)func;\n\treturn 0;\n}\n")
	default:
		b.WriteString(code)
	}
	return b.String()
}

// validate checks a probe set: unique identifier names, exactly one base
// style each, known dependency and override targets, no dependency cycles.
func validate(tests []Test) error {
	index := make(map[string]int, len(tests))
	for i, t := range tests {
		if !isIdent(t.Name) {
			return fmt.Errorf("probe %d: name %q is not a C identifier", i, t.Name)
		}
		if _, dup := index[t.Name]; dup {
			return fmt.Errorf("probe %s: defined twice", t.Name)
		}
		index[t.Name] = i
		base := t.Style & (OutsideMain | DefinesFunc | InsideMain | DefinesEverything)
		if base == 0 || base&(base-1) != 0 {
			return fmt.Errorf("probe %s: style %v needs exactly one base style", t.Name, t.Style)
		}
	}
	for _, t := range tests {
		for _, d := range t.Depends {
			if _, ok := index[d.Name]; !ok {
				return fmt.Errorf("probe %s: unknown dependency %s", t.Name, d.Name)
			}
		}
		if _, ok := index[t.Overrides]; t.Overrides != "" && !ok {
			return fmt.Errorf("probe %s: unknown override target %s", t.Name, t.Overrides)
		}
	}
	return checkAcyclic(tests, index)
}

// checkAcyclic reports a dependency cycle as an error.
func checkAcyclic(tests []Test, index map[string]int) error {
	const (
		unvisited = iota
		visiting
		finished
	)
	state := make([]int, len(tests))
	var visit func(i int, path []string) error
	visit = func(i int, path []string) error {
		path = append(path, tests[i].Name)
		switch state[i] {
		case visiting:
			return fmt.Errorf("dependency cycle: %s", strings.Join(path, " -> "))
		case finished:
			return nil
		}
		state[i] = visiting
		for _, d := range tests[i].Depends {
			if err := visit(index[d.Name], path); err != nil {
				return err
			}
		}
		state[i] = finished
		return nil
	}
	for i := range tests {
		if err := visit(i, nil); err != nil {
			return err
		}
	}
	return nil
}

// isIdent reports whether s is a C identifier.
func isIdent(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !isIdentByte(s[i], i == 0) {
			return false
		}
	}
	return true
}

// isIdentByte reports whether c may appear in a C identifier (at its
// start if first).
func isIdentByte(c byte, first bool) bool {
	switch {
	case c == '_', 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z':
		return true
	case '0' <= c && c <= '9':
		return !first
	}
	return false
}
