package examplesutil

import (
	"os"
	"path/filepath"
	"testing"
)

func TestTempName(t *testing.T) {
	dir := t.TempDir()
	tests := []struct{ src, ext, want string }{
		{"example-_info-list", ".c", "example-_info-list.c"},
		{"example-list.h-list_add", ".c", "example-list.c"},
		{"example-_info-str/hex", ".c", "hex.c"},
		{"/x/mangled-example-list.c", "", "mangled-example-list"},
	}
	for _, tt := range tests {
		if got := TempName(dir, tt.ext, tt.src); got != filepath.Join(dir, tt.want) {
			t.Errorf("TempName(%q, %q) = %q, want %q", tt.ext, tt.src, got, tt.want)
		}
	}
	os.WriteFile(filepath.Join(dir, "example-list.c"), nil, 0o644)
	if got := TempName(dir, ".c", "example-list.h-list_del"); got != filepath.Join(dir, "example-list-1.c") {
		t.Errorf("second name = %q", got)
	}
}
