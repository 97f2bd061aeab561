package extrautil

// Func is a function definition at file scope, as token indexes into
// the slice it was found in.
type Func struct {
	Name  string
	Start int // first token of the declaration (return type, storage class)
	Open  int // its '{'
	Close int // the matching '}' (len(toks) if unterminated)
}

// Decl returns the tokens from the start of the definition to its '{'.
func (f Func) Decl(toks []Token) []Token { return toks[f.Start:f.Open] }

// Contains reports whether token index i is inside the function's body.
func (f Func) Contains(i int) bool { return f.Open < i && i < f.Close }

// Functions finds the function definitions at file scope. Directive
// tokens are ignored; `extern "C" {` blocks are transparent. It is a
// heuristic for tidy code, not a parser: conditional compilation that
// unbalances braces confuses it.
func Functions(toks []Token) []Func {
	var funcs []Func
	start := 0
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		if t.Directive {
			if i == start {
				start++
			}
			continue
		}
		switch {
		case t.Text == ";" || t.Text == "}":
			start = i + 1
		case t.Text == "{":
			decl := code(toks[start:i])
			if len(decl) == 2 && decl[0].Text == "extern" && decl[1].Kind == String {
				start = i + 1
				continue
			}
			end := matchBrace(toks, i)
			if name, ok := funcName(decl); ok {
				funcs = append(funcs, Func{Name: name, Start: start, Open: i, Close: end})
			}
			i, start = end, end+1
		}
	}
	return funcs
}

// code drops directive tokens.
func code(toks []Token) []Token {
	var out []Token
	for _, t := range toks {
		if !t.Directive {
			out = append(out, t)
		}
	}
	return out
}

// matchBrace returns the index of the '}' matching the '{' at open.
func matchBrace(toks []Token, open int) int {
	depth := 0
	for i := open; i < len(toks); i++ {
		if toks[i].Directive {
			continue
		}
		switch toks[i].Text {
		case "{":
			depth++
		case "}":
			depth--
			if depth == 0 {
				return i
			}
		}
	}
	return len(toks)
}

// MatchParen returns the index of the ')' matching the '(' at open, or
// len(toks).
func MatchParen(toks []Token, open int) int {
	depth := 0
	for i := open; i < len(toks); i++ {
		switch toks[i].Text {
		case "(":
			depth++
		case ")":
			depth--
			if depth == 0 {
				return i
			}
		}
	}
	return len(toks)
}

// funcName reports whether decl (the tokens before a '{' at file scope)
// declares a function, and its name: the identifier before the first
// parenthesis that is not an attribute. An initializer ('=') or a
// struct/union/enum body means it is not a function.
func funcName(decl []Token) (string, bool) {
	for i, t := range decl {
		switch t.Text {
		case "=", "struct", "union", "enum":
			if t.Text == "=" || i == len(decl)-1 || i == len(decl)-2 {
				return "", false
			}
		case "(":
			if i == 0 || decl[i-1].Kind != Ident {
				continue
			}
			switch decl[i-1].Text {
			case "__attribute__", "__attribute", "__declspec", "alignas", "_Alignas":
				continue
			}
			return decl[i-1].Text, true
		}
	}
	return "", false
}

// Enclosing returns the function whose body holds token i, if any.
func Enclosing(funcs []Func, i int) (Func, bool) {
	for _, f := range funcs {
		if f.Contains(i) {
			return f, true
		}
	}
	return Func{}, false
}
