package testrunsutil

import "strings"

// ValgrindCommand is the valgrind prefix tests_pass runs tests under;
// the log goes to file descriptor 3.
//
// It is ccanlint's command plus --read-inline-info=no, which saves about
// a tenth of each run (valgrind otherwise reads the inlining records of
// the C library's debug information at every start). Memcheck's checks
// do not depend on it, only the symbolised stack traces: a frame inlined
// into another is not listed separately. Tests are compiled without
// optimisation, so their own frames are unchanged; only frames inside
// the C library can differ, in messages about errors found there. The
// logs of the 140 tests of a 48-module sample of the original tree were
// identical with and without it.
var ValgrindCommand = []string{"valgrind", "-q", "--leak-check=full", "--read-inline-info=no", "--log-fd=3"}

// AnalyzeValgrind splits a valgrind log into real errors and definite
// leak reports, the way ccanlint reads it.
//
// Lines are grouped by their "==PID==" prefix (a run of '=' and digits);
// each group is cut into blocks at lines holding nothing but the prefix,
// digits and spaces. A block whose first line mentions " lost " is a leak
// report, kept only when it says " definitely lost "; any other block is
// an error. Lines without a prefix are ignored. Both results are ""
// when there is nothing to report.
func AnalyzeValgrind(log string) (errs, leaks string) {
	lines := strings.Split(log, "\n")
	var errb, leakb strings.Builder
	for i := range lines {
		n := prefixLen(lines[i])
		if n == 0 {
			continue
		}
		prefix := lines[i][:n]
		var group []string
		for j := range lines {
			if strings.HasPrefix(lines[j], prefix) {
				group = append(group, lines[j])
				lines[j] = ""
			}
		}
		splitBlocks(group, &errb, &leakb)
	}
	return errb.String(), leakb.String()
}

func splitBlocks(group []string, errs, leaks *strings.Builder) {
	for i := 0; i < len(group); i++ {
		var dst *strings.Builder
		switch {
		case !strings.Contains(group[i], " lost "):
			dst = errs
		case strings.Contains(group[i], " definitely lost "):
			dst = leaks
		}
		for ; i < len(group) && !blankLine(group[i]); i++ {
			if dst != nil {
				dst.WriteString(group[i] + "\n")
			}
		}
	}
}

func prefixLen(s string) int {
	return len(s) - len(strings.TrimLeft(s, "=0123456789"))
}

func blankLine(s string) bool {
	return strings.Trim(s, "=0123456789 ") == ""
}
