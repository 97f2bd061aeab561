package testrunsutil

import (
	"fmt"
	"strconv"
	"strings"
)

// CoverageFlags are the compiler flags of coverage builds.
var CoverageFlags = []string{"-fprofile-arcs", "-ftest-coverage"}

// Coverage is what gcov said about the files that matter.
type Coverage struct {
	Lines   int     // executable lines in the files that matter
	Covered float32 // of which executed (float, as ccanlint sums them)
}

// ParseGcov reads gcov's summary output: for each "File '<path>'" for
// which matters(path) is true, the following "Lines executed:P% of N"
// line adds N lines of which P% were executed. Only the first such line
// after a File line counts: newer gcov versions end with an overall
// "Lines executed" line of their own, which belongs to no file.
func ParseGcov(output string, matters func(string) bool) (Coverage, error) {
	var c Coverage
	counting := false
	for _, line := range strings.Split(output, "\n") {
		if name, ok := strings.CutPrefix(line, "File '"); ok {
			if i := strings.IndexByte(name, '\''); i >= 0 {
				name = name[:i]
			}
			counting = matters(name)
			continue
		}
		rest, ok := strings.CutPrefix(line, "Lines executed:")
		if !ok || !counting {
			continue
		}
		counting = false
		pct, of, err := parseExecuted(rest)
		if err != nil {
			return c, fmt.Errorf("could not parse line '%s'", line)
		}
		c.Lines += of
		c.Covered = float32(float64(c.Covered) + float64(pct)/100.0*float64(of))
	}
	return c, nil
}

func parseExecuted(s string) (float32, int, error) {
	pct, of, ok := strings.Cut(s, "% of ")
	if !ok {
		return 0, 0, fmt.Errorf("no '%% of'")
	}
	p, err := strconv.ParseFloat(strings.TrimSpace(pct), 32)
	if err != nil {
		return 0, 0, err
	}
	n, err := strconv.Atoi(strings.TrimSpace(of))
	if err != nil || n < 0 {
		return 0, 0, fmt.Errorf("bad line count %q", of)
	}
	return float32(p), n, nil
}

// Fraction is the share of lines executed (0 when there are none).
func (c Coverage) Fraction() float32 {
	if c.Lines == 0 {
		return 0
	}
	return c.Covered / float32(c.Lines)
}

// CoverageTotal is tests_coverage's total when there are lines to cover.
const CoverageTotal = 6

// ScoreCoverage scores a covered fraction out of total as ccanlint does:
// everything covered earns total; otherwise one point for each of the
// thresholds 50%, 75%, 87.5%, 93.75%, ... that is met, at most total-1.
func ScoreCoverage(covered float32, total int) int {
	if covered == 1.0 {
		return total
	}
	uncovered := float32(1.0 - float64(covered))
	thresh := float32(0.5)
	i := 0
	for ; i < total-1; i++ {
		if uncovered > thresh {
			break
		}
		thresh /= 2
	}
	return i
}
