package driver

import (
	"encoding/json"
	"fmt"
	"io"
	"path/filepath"
	"strings"
)

// PrintText writes results in ccanlint's format. verbose follows
// ccanlint -v levels: 0 failures only; 1 also partial scores and pre-skips;
// 2 every check. prefix adds "<module>: " to each line (as ccanlint does
// when given directories). Extra checks are listed after the total.
func PrintText(w io.Writer, mr *ModuleResult, verbose int, prefix bool) {
	p := ""
	if prefix {
		p = mr.Module + ": "
	}
	if mr.Err != "" {
		fmt.Fprintf(w, "%serror: %s\n", p, mr.Err)
		return
	}
	for _, w2 := range mr.Warnings {
		fmt.Fprintf(w, "%swarning: %s\n", p, w2)
	}
	var extras []*CheckResult
	for _, r := range mr.Checks {
		if r.Extra {
			extras = append(extras, r)
			continue
		}
		printCheck(w, p, mr.Dir, r, verbose)
	}
	comment := ""
	if !mr.Passed {
		comment = " FAIL!"
	}
	if mr.CompulsoryFailed != "" {
		fmt.Fprintf(w, "%s%s failed\n", p, mr.CompulsoryFailed)
	}
	fmt.Fprintf(w, "%sTotal score: %d/%d%s\n", p, mr.Score, mr.Total, comment)
	if len(extras) > 0 && (verbose > 0 || mr.ExtraScore < mr.ExtraTotal) {
		for _, r := range extras {
			printCheck(w, p+"extra: ", mr.Dir, r, verbose)
		}
		fmt.Fprintf(w, "%sExtra score: %d/%d\n", p, mr.ExtraScore, mr.ExtraTotal)
	}
}

func printCheck(w io.Writer, p, dir string, r *CheckResult, verbose int) {
	switch r.Status {
	case StatusSkipped, StatusTimedOut:
		if verbose > 0 {
			fmt.Fprintf(w, "%s%s: skipped (%s)\n", p, r.Title, r.Reason)
		}
		return
	case StatusCantRun:
		if verbose > 1 {
			fmt.Fprintf(w, "%s%s: skipped (%s)\n", p, r.Title, r.Reason)
		}
		return
	}
	if r.Passed && !(r.Score < r.Total && verbose > 0) && verbose < 2 {
		return
	}
	status := "PASS"
	if !r.Passed {
		status = "FAIL"
	}
	fmt.Fprintf(w, "%s%s (%s): %s", p, r.Title, r.Key, status)
	if r.Total > 1 {
		fmt.Fprintf(w, " (+%d/%d)", r.Score, r.Total)
	}
	fmt.Fprintln(w)
	if (!r.Passed || verbose > 0) && len(r.Diagnostics) > 0 {
		lines := make([]string, 0, len(r.Diagnostics))
		for _, d := range r.Diagnostics {
			if d.File != "" && !filepath.IsAbs(d.File) {
				// Like ccanlint, show files with their full path.
				d.File = filepath.Join(dir, d.File)
			}
			lines = append(lines, strings.Split(strings.TrimRight(d.String(), "\n"), "\n")...)
		}
		if verbose < 2 && len(lines) > 5 {
			lines = append(lines[:5], "... more (use -vv to see them all)")
		}
		for _, l := range lines {
			fmt.Fprintf(w, "%s\n", l)
		}
	}
}

// PrintJSON writes all results as one JSON array.
func PrintJSON(w io.Writer, results []*ModuleResult) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(results)
}
