// Package examplesutil holds what the examples_* checks share: ccanlint's
// naming of scratch files and its way of splitting a file into lines.
package examplesutil

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// TempName returns a fresh path in dir for a file derived from src, as
// ccanlint's temp_file does: the last path component of src loses its
// extension (from its last '.'), ext is appended, and "-1", "-2", ... is
// inserted before ext while a file of that name exists.
func TempName(dir, ext, src string) string {
	base := src
	if i := strings.LastIndexByte(base, '/'); i >= 0 {
		base = base[i+1:]
	}
	if i := strings.LastIndexByte(base, '.'); i > 0 {
		base = base[:i]
	}
	name := filepath.Join(dir, base+ext)
	for n := 1; exists(name); n++ {
		name = filepath.Join(dir, base+"-"+strconv.Itoa(n)+ext)
	}
	return name
}

func exists(path string) bool {
	_, err := os.Lstat(path)
	return err == nil
}

// Lines splits text at every "\n", as ccanlint's get_ccan_file_lines
// does: a final newline yields a final empty line.
func Lines(text string) []string {
	return strings.Split(text, "\n")
}

// Content joins lines, each followed by "\n".
func Content(lines []string) string {
	var b strings.Builder
	for _, l := range lines {
		b.WriteString(l)
		b.WriteByte('\n')
	}
	return b.String()
}
