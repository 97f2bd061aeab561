package csource

import "testing"

func TestCheckGuard(t *testing.T) {
	tests := []struct {
		name    string
		src     string
		line    int
		problem string
		guard   bool
	}{
		{"good", "/* c */\n#ifndef X_H\n#define X_H\nint x;\n#endif /* X_H */\n", 0, "", true},
		{"if not defined", "#if !defined(X_H)\n#define X_H\nint x;\n#endif\n", 0, "", true},
		{"short", "int x;\nint y;\n", 0, "", false},
		{"only comments", "/* a */\n/* b */\n/* c */\n", 0, "", false},
		{"code first", "/* c */\nint x;\n#ifndef X\n#define X\n#endif\n", 2, "Expect first non-comment line to be #ifndef.", false},
		{"code second", "#ifndef X\nint x;\n#define X\n#endif\n", 2, "Expect second non-comment line to be #define.", false},
		{"include first", "#include <a.h>\n#define X\nint x;\n", 1, "Expected #ifndef", false},
		{"ifdef", "#ifdef X\n#define X\nint x;\n#endif\n", 1, "Expected #ifndef", false},
		{"wrong define", "#ifndef X_H\n#define Y_H\nint x;\n#endif\n", 2, "expected '#define X_H'", false},
		{"not define", "#ifndef X_H\n#include <y.h>\nint x;\n#endif\n", 2, "expected '#define X_H'", false},
		{"code after", "#ifndef X_H\n#define X_H\nint x;\n#endif\nint y;\n", 5, "code outside idempotent region", true},
		{"directive after", "#ifndef X_H\n#define X_H\n#endif\n#include <z.h>\n", 4, "code outside idempotent region", true},
		{"nested ok", "#ifndef X_H\n#define X_H\n#if A || B\nint x;\n#endif\nint y;\n#endif\n", 0, "", true},
	}
	for _, tt := range tests {
		lines := split(tt.src)
		g := CheckGuard(lines, Analyze(lines))
		if g.Line != tt.line || g.Problem != tt.problem || (g.Cond != nil) != tt.guard {
			t.Errorf("%s: CheckGuard = line %d %q guard %v; want line %d %q guard %v",
				tt.name, g.Line, g.Problem, g.Cond != nil, tt.line, tt.problem, tt.guard)
		}
	}
}
