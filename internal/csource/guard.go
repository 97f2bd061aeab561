package csource

// Guard is the result of checking a header's include guard.
type Guard struct {
	// Cond is the guard's condition ("#ifndef SYM" followed by "#define
	// SYM"), nil if none was found. It is set even when code follows the
	// guarded region.
	Cond *Cond
	// Line (1-based) and Problem describe what is wrong; Problem is ""
	// when the header is properly wrapped or too small to matter.
	Line    int
	Problem string
}

// CheckGuard checks, as ccanlint's headers_idempotent does, that a
// header of three or more lines is wrapped in #ifndef SYM / #define SYM
// ... #endif: its first non-comment line must be "#ifndef SYM" (or "#if
// !defined(SYM)"), the next "#define SYM", and every later code or
// directive line must be inside that condition.
func CheckGuard(lines []string, info []Line) Guard {
	if len(lines) < 3 {
		return Guard{}
	}
	first := nextNonComment(info, 0)
	if first < 0 {
		return Guard{}
	}
	if info[first].Type == Code {
		return Guard{Line: first + 1, Problem: "Expect first non-comment line to be #ifndef."}
	}
	def := nextNonComment(info, first+1)
	if def < 0 {
		return Guard{}
	}
	if info[def].Type == Code {
		return Guard{Line: def + 1, Problem: "Expect second non-comment line to be #define."}
	}
	c := info[def].Cond
	if c == nil || c.Kind != Ifdef || !c.Inverse {
		return Guard{Line: first + 1, Problem: "Expected #ifndef"}
	}
	rest := lines[def]
	if !Token(&rest, "#") || !Token(&rest, "define") || Symbol(&rest) != c.Symbol {
		return Guard{Line: def + 1, Problem: "expected '#define " + c.Symbol + "'"}
	}
	g := Guard{Cond: c}
	defs := map[string]Def{c.Symbol: {Defined: true}}
	for i := def + 1; i < len(lines); i++ {
		if t := info[i].Type; t == Doc || t == Comment {
			continue
		}
		if Evaluate(info[i].Cond, defs) != NotCompiled {
			g.Line, g.Problem = i+1, "code outside idempotent region"
			break
		}
	}
	return g
}

// nextNonComment returns the index of the first code or preprocessor
// line at or after from, or -1.
func nextNonComment(info []Line, from int) int {
	for i := from; i < len(info); i++ {
		if t := info[i].Type; t == Code || t == Preproc {
			return i
		}
	}
	return -1
}
