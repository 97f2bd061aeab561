package configure

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestTestsOrder(t *testing.T) {
	var got []string
	for _, tc := range Tests() {
		got = append(got, tc.Name)
	}
	if diff := cmp.Diff(canonicalOrder(), got); diff != "" {
		t.Errorf("Tests() names (-want +got):\n%s", diff)
	}
	if len(got) != 72 {
		t.Errorf("len(Tests()) = %d, want 72", len(got))
	}
	if err := validate(Tests()); err != nil {
		t.Errorf("validate(Tests()) = %v", err)
	}
}

func TestTestsFresh(t *testing.T) {
	a := Tests()
	a[0].Name = "CHANGED"
	if b := Tests(); b[0].Name == "CHANGED" {
		t.Error("Tests() returned shared state")
	}
}

func TestValidate(t *testing.T) {
	ok := func(name string, deps ...Dep) Test {
		return Test{Name: name, Style: OutsideMain, Depends: deps}
	}
	tests := []struct {
		name  string
		tests []Test
		want  string // substring of the error; "" for none
	}{
		{"fine", []Test{ok("HAVE_A"), ok("HAVE_B", needs("HAVE_A"), lacks("HAVE_A"))}, ""},
		{"duplicate", []Test{ok("HAVE_A"), ok("HAVE_A")}, "defined twice"},
		{"bad name", []Test{ok("HAVE A")}, "not a C identifier"},
		{"no style", []Test{{Name: "HAVE_A"}}, "exactly one base style"},
		{"two styles", []Test{{Name: "HAVE_A", Style: InsideMain | OutsideMain}}, "exactly one base style"},
		{"unknown dep", []Test{ok("HAVE_A", needs("HAVE_Z"))}, "unknown dependency HAVE_Z"},
		{"unknown override", []Test{{Name: "HAVE_A", Style: InsideMain, Overrides: "HAVE_Z"}}, "unknown override"},
		{"self cycle", []Test{ok("HAVE_A", needs("HAVE_A"))}, "cycle: HAVE_A -> HAVE_A"},
		{"cycle", []Test{ok("HAVE_A", needs("HAVE_B")), ok("HAVE_B", lacks("HAVE_A"))}, "cycle"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := validate(tc.tests)
			switch {
			case tc.want == "" && err != nil:
				t.Errorf("validate = %v, want nil", err)
			case tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want)):
				t.Errorf("validate = %v, want error containing %q", err, tc.want)
			}
		})
	}
}

func TestStyleString(t *testing.T) {
	tests := []struct {
		style Style
		want  string
	}{
		{InsideMain, "INSIDE_MAIN"},
		{DefinesEverything | Execute | MayNotCompile, "DEFINES_EVERYTHING|EXECUTE|MAY_NOT_COMPILE"},
		{OutsideMain | 0x80, "OUTSIDE_MAIN|0x80"},
	}
	for _, tc := range tests {
		if got := tc.style.String(); got != tc.want {
			t.Errorf("Style(%#x).String() = %q, want %q", uint8(tc.style), got, tc.want)
		}
	}
}

func TestSource(t *testing.T) {
	tests := []struct {
		style Style
		want  []string // in order
	}{
		{InsideMain, []string{"int main(", "CODE", "}"}},
		{OutsideMain, []string{"CODE", "int main(", "return 0;"}},
		{DefinesFunc, []string{"CODE", "int main(", "(void)func;"}},
		{DefinesEverything | Execute, []string{"CODE"}},
	}
	for _, tc := range tests {
		src := Test{Name: "HAVE_X", Style: tc.style, Code: "CODE"}.Source()
		rest := src
		for _, w := range tc.want {
			i := strings.Index(rest, w)
			if i < 0 {
				t.Errorf("%v: source lacks %q in order:\n%s", tc.style, w, src)
				break
			}
			rest = rest[i+len(w):]
		}
		if tc.style&DefinesEverything != 0 && strings.Contains(src, "main") {
			t.Errorf("%v: source adds a main:\n%s", tc.style, src)
		}
	}
}

func TestDepString(t *testing.T) {
	if got := []string{needs("HAVE_A").String(), lacks("HAVE_B").String()}; !cmp.Equal(got, []string{"HAVE_A", "!HAVE_B"}) {
		t.Errorf("Dep strings = %q", got)
	}
}
