package csource

// Compiled is whether a line would be compiled.
type Compiled int

const (
	NotCompiled Compiled = iota
	IsCompiled
	MaybeCompiled
)

func (c Compiled) String() string {
	switch c {
	case NotCompiled:
		return "not compiled"
	case IsCompiled:
		return "compiled"
	}
	return "maybe compiled"
}

// Def is what is known of a symbol: whether it is defined, and its
// value when used in #if.
type Def struct {
	Defined bool
	Value   uint
}

// Evaluate reports whether code under c is compiled when the symbols in
// defs are as given. Symbols not in defs, and Unknown conditions, give
// MaybeCompiled unless an enclosing condition is known false.
func Evaluate(c *Cond, defs map[string]Def) Compiled {
	if c == nil {
		return IsCompiled
	}
	parent := Evaluate(c.Parent, defs)
	if parent == NotCompiled {
		return NotCompiled
	}
	if c.Kind == Unknown {
		return MaybeCompiled
	}
	d, ok := defs[c.Symbol]
	if !ok {
		return MaybeCompiled
	}
	var truth bool
	if c.Kind == If {
		truth = d.Defined && d.Value != 0
	} else {
		truth = d.Defined
	}
	if truth == c.Inverse {
		return NotCompiled
	}
	if parent == MaybeCompiled {
		return MaybeCompiled
	}
	return IsCompiled
}
