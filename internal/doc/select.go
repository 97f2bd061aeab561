package doc

// Select returns the sections of type typ, comparing as doc_extract does
// (byte by byte, any non-alphanumeric byte equal to any other, so
// "see_also" selects "see also"), and, unless function is "", only those
// of that function.
func Select(secs []Section, typ, function string) []Section {
	var out []Section
	for _, s := range secs {
		if function != "" && s.Function != function {
			continue
		}
		if len(s.Type) == len(typ) && typeMatch(s.Type, typ) {
			out = append(out, s)
		}
	}
	return out
}

// Functions returns the function names of secs in order, skipping
// sections before the first summary and collapsing adjacent duplicates.
func Functions(secs []Section) []string {
	var names []string
	for _, s := range secs {
		if s.Function == "" {
			continue
		}
		if len(names) == 0 || names[len(names)-1] != s.Function {
			names = append(names, s.Function)
		}
	}
	return names
}

// typeMatch is the original's typematch(typ, mem): mem is the memory
// starting at the TYPE argument, read as if followed by NUL bytes. The
// original reads on past the terminating NUL of TYPE while typ has
// non-alphanumeric bytes left (see Extract).
func typeMatch(typ, mem string) bool {
	at := func(i int) byte {
		if i < len(mem) {
			return mem[i]
		}
		return 0
	}
	for i := 0; i < len(typ); i++ {
		if isAlnum(typ[i]) {
			if typ[i] != at(i) {
				return false
			}
		} else if isAlnum(at(i)) {
			return false
		}
	}
	return at(len(typ)) == 0
}
