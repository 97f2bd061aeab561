package extrautil

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestTokenize(t *testing.T) {
	src := "#define X(a) \\\n\tstrcmp(a, \"b\")\n/* strcmp */ int f(void) // strcmp\n{ return s == u8\"x\\\"y\" && 'c'; }\n"
	var got []string
	var dirs []bool
	for _, tk := range Tokenize(src) {
		got = append(got, tk.Text)
		dirs = append(dirs, tk.Directive)
	}
	want := []string{"#", "define", "X", "(", "a", ")", "strcmp", "(", "a", ",", `"b"`, ")",
		"int", "f", "(", "void", ")", "{", "return", "s", "==", `u8"x\"y"`, "&&", "'c'", ";", "}"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Fatalf("tokens (-want +got):\n%s", diff)
	}
	if !dirs[6] || dirs[12] {
		t.Errorf("directive flags wrong: %v", dirs)
	}
	if toks := Tokenize(src); toks[12].Line != 3 || toks[18].Line != 4 {
		t.Errorf("lines: int at %d, return at %d", toks[12].Line, toks[18].Line)
	}
}

func TestStringLen(t *testing.T) {
	tests := []struct {
		lit string
		n   int
		ok  bool
	}{
		{`"abc"`, 3, true},
		{`"\t\n\\"`, 3, true},
		{`"\0\012\1234"`, 4, true},
		{`"\x41\x4142"`, 2, true},
		{`"\u00e9"`, 2, true},
		{`u8"é"`, 2, true},
		{`L"abc"`, 0, false},
	}
	for _, tt := range tests {
		if n, ok := StringLen(tt.lit); n != tt.n || ok != tt.ok {
			t.Errorf("StringLen(%s) = %d, %v; want %d, %v", tt.lit, n, ok, tt.n, tt.ok)
		}
	}
}

func TestFunctions(t *testing.T) {
	src := "struct s { int x; };\nextern \"C\" {\nstatic int a = 1;\nstatic inline void *f(int x) __attribute__((x))\n{\n\tif (x) { }\n}\n}\nint g(void) { return 0; }\n"
	var got []string
	for _, f := range Functions(Tokenize(src)) {
		got = append(got, f.Name)
	}
	if diff := cmp.Diff([]string{"f", "g"}, got); diff != "" {
		t.Errorf("functions (-want +got):\n%s", diff)
	}
}
