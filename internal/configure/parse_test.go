package configure

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

const minimal = "#define CCAN_COMPILER \"cc\"\n#define CCAN_CFLAGS \"-g\"\n"

func TestParse(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want *Config
	}{
		{"minimal", minimal, &Config{Compiler: "cc", CFlags: "-g"}},
		{"values in file order", minimal + "#define HAVE_B 1\n#define HAVE_A 0\n",
			&Config{Compiler: "cc", CFlags: "-g", Values: []Result{{"HAVE_B", true}, {"HAVE_A", false}}}},
		{"integer forms", minimal + "#define HAVE_A 0x10\n#define HAVE_B 00\n#define HAVE_C 2UL\n#define HAVE_D -1\n#define HAVE_E 0b0\n",
			&Config{Compiler: "cc", CFlags: "-g", Values: []Result{
				{"HAVE_A", true}, {"HAVE_B", false}, {"HAVE_C", true}, {"HAVE_D", true}, {"HAVE_E", false}}}},
		{"escapes and concatenation",
			"#define CCAN_COMPILER \"c\\x63\" /* c */\n#define CCAN_CFLAGS \"-DA=\\\"\\101\\\"\" \" -I\\u00e9\"\n",
			&Config{Compiler: "cc", CFlags: "-DA=\"A\" -Ié"}},
		{"spacing, comments, splices, CRLF",
			"  #  define CCAN_COMPILER /* x\n y */ \"cc\" // z\r\n#define CCAN_CFLAGS \\\n\"-g\"\r\n#\tdefine HAVE_X\t1\r\n",
			&Config{Compiler: "cc", CFlags: "-g", Values: []Result{{"HAVE_X", true}}}},
		{"ignored lines", minimal + "#define HAVE_CCAN 1\n#define HAVE_F(x) x\n#define OTHER \"?\n#include \"a.h\"\n#error don't\n" +
			"// #define HAVE_Y 1\n/* #define HAVE_Z 1 */\n#undef HAVE_W\n#define HAVE_Q 1\n",
			&Config{Compiler: "cc", CFlags: "-g", Values: []Result{{"HAVE_Q", true}}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := Parse([]byte(tc.src))
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("Parse (-want +got):\n%s", diff)
			}
		})
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name, src, want string
	}{
		{"empty", "", "no CCAN_COMPILER"},
		{"no cflags", "#define CCAN_COMPILER \"cc\"\n", "no CCAN_CFLAGS"},
		{"unterminated comment", minimal + "/* oops\n", "line 3: unterminated comment"},
		{"unterminated string", "#define CCAN_COMPILER \"cc\n", "line 1: CCAN_COMPILER: unterminated string"},
		{"not a string", "#define CCAN_COMPILER cc\n", "not a string literal"},
		{"trailing junk", "#define CCAN_COMPILER \"cc\" x\n", "not a string literal"},
		{"bad escape", "#define CCAN_COMPILER \"\\q\"\n", "unknown escape"},
		{"big octal", "#define CCAN_COMPILER \"\\777\"\n", "out of range"},
		{"big hex", "#define CCAN_COMPILER \"\\x100\"\n", "out of range"},
		{"bad universal", "#define CCAN_COMPILER \"\\uD800\"\n", "not a valid character"},
		{"short universal", "#define CCAN_COMPILER \"\\u12\"\n", "needs 4 hex digits"},
		{"no value", minimal + "#define HAVE_X\n", "HAVE_X: no value"},
		{"word value", minimal + "#define HAVE_X yes\n", "not an integer"},
		{"bad octal", minimal + "#define HAVE_X 09\n", "not an integer"},
		{"underscore", minimal + "#define HAVE_X 1_0\n", "not an integer"},
		{"duplicate", minimal + "#define HAVE_X 1\n#define HAVE_X 1\n", "line 4: HAVE_X defined twice"},
		{"duplicate compiler", minimal + "#define CCAN_COMPILER \"x\"\n", "CCAN_COMPILER defined twice"},
		{"nameless define", "#define\n", "without a macro name"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Parse([]byte(tc.src))
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("Parse error = %v, want one containing %q", err, tc.want)
			}
		})
	}
}

func TestParseHeaderRoundTrip(t *testing.T) {
	cfg := &Config{Compiler: "ccache gcc", CFlags: "-DX=\"a\\b\" -O2\n\x01??=", Values: []Result{
		{"HAVE_A", true}, {"HAVE_B", false}}}
	got, err := Parse(cfg.Header())
	if err != nil {
		t.Fatalf("Parse(Header()): %v", err)
	}
	if diff := cmp.Diff(cfg, got); diff != "" {
		t.Errorf("round trip (-want +got):\n%s", diff)
	}
}

func FuzzParse(f *testing.F) {
	f.Add([]byte(minimal + "#define HAVE_X 1\n"))
	f.Add((&Config{Compiler: "cc", CFlags: "-g", Values: []Result{{"HAVE_A", true}}}).Header())
	f.Add([]byte("#define CCAN_COMPILER \"\\x41\\101\\u00e9\" \"x\"\n#define CCAN_CFLAGS /* */ \"\"\n#define HAVE_A 0x1UL\n"))
	f.Add([]byte("/* unterminated"))
	f.Add([]byte("#define CCAN_CFLAGS \"\\\n\"\n"))
	f.Fuzz(func(t *testing.T, src []byte) {
		cfg, err := Parse(src)
		if err != nil {
			return
		}
		again, err := Parse(cfg.Header())
		if err != nil {
			t.Fatalf("Parse(Header()) of an accepted config: %v\n%s", err, cfg.Header())
		}
		if diff := cmp.Diff(cfg, again); diff != "" {
			t.Fatalf("round trip (-first +second):\n%s", diff)
		}
	})
}
