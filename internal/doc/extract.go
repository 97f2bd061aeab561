package doc

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"syscall"
)

// Prog is the program name the original prefixes to its diagnostics
// ("doc_extract: ..."). A command printing Extract's error should print
// Prog + ": " + err to match the original's stderr.
const Prog = "doc_extract"

// Extract implements "doc_extract [--function=FUNCTION] TYPE FILE...",
// writing to w exactly what the original prints on stdout and to errw
// the first "Expected ' *'" warning of the run, as the original does
// ("doc_extract: FILE:LINE: Expected ' *' in comment.").
//
// Files are processed in order. At the first file that cannot be read or
// has no doc sections, Extract stops (output for earlier files stays
// written) and returns an error whose text is the original's message
// without the "doc_extract: " prefix; the original exits with status 1
// there. A FUNCTION of "" means no --function option (the original's
// "--function=" with an empty name selects nothing); it does not affect
// TYPE "functions". No files is not an error.
//
// For a TYPE other than "functions" and "all" the original's typematch
// reads past the end of the TYPE argument into the following argv strings
// (the file names, which the kernel lays out contiguously after it) when
// a section type is longer than TYPE and continues with a
// non-alphanumeric byte. Extract reproduces that: with file
// "testdata/argv.h", TYPE "example" also selects sections of type
// "example testdata argv h".
func Extract(w, errw io.Writer, typ, function string, files []string) error {
	bw := bufio.NewWriter(w)
	err := extract(bw, errw, typ, function, files)
	if ferr := bw.Flush(); err == nil {
		err = ferr
	}
	return err
}

func extract(w, errw io.Writer, typ, function string, files []string) error {
	mem := typ + "\x00" + strings.Join(files, "\x00") + "\x00"
	warned := false
	for _, file := range files {
		src, err := os.ReadFile(file)
		if err != nil {
			return &ReadError{File: file, Err: err}
		}
		secs, warns := Parse(src)
		if len(warns) > 0 && !warned {
			fmt.Fprintf(errw, "%s: %s:%d: %s\n", Prog, file, warns[0].Line, warns[0].Msg)
			warned = true
		}
		if len(secs) == 0 {
			return &NoDocError{File: file}
		}
		switch typ {
		case "functions":
			for _, f := range Functions(secs) {
				fmt.Fprintln(w, f)
			}
		default:
			printSections(w, secs, typ, mem, function)
		}
	}
	return nil
}

// printSections prints the sections selected by TYPE (typ, with mem the
// argv memory from TYPE on) and function.
func printSections(w io.Writer, secs []Section, typ, mem, function string) {
	for _, s := range secs {
		if function != "" && s.Function != function {
			continue
		}
		if typ == "all" {
			fmt.Fprintf(w, "%s:\n", s.Type)
		} else if !typeMatch(s.Type, mem) {
			continue
		}
		for _, l := range s.Lines {
			fmt.Fprintln(w, l)
		}
	}
}

// ReadError reports a file Extract could not read.
type ReadError struct {
	File string
	Err  error
}

// Error returns the original's message, e.g.
// "Reading file x: No such file or directory".
func (e *ReadError) Error() string {
	msg := e.Err.Error()
	var errno syscall.Errno
	if errors.As(e.Err, &errno) {
		msg = errno.Error()
		if msg != "" && isLower(msg[0]) {
			msg = string(msg[0]-'a'+'A') + msg[1:]
		}
	}
	return "Reading file " + e.File + ": " + msg
}

func (e *ReadError) Unwrap() error { return e.Err }

// NoDocError reports a file without doc sections.
type NoDocError struct{ File string }

func (e *NoDocError) Error() string { return "No documentation in file " + e.File }
