package doc

import (
	"bytes"
	"errors"
	"os/exec"
	"strings"
	"testing"
)

// result is what one doc_extract run produced.
type result struct {
	Stdout, Stderr string
	Exit           int
}

// splitArgs splits doc_extract arguments (without files) into the
// --function value and TYPE.
func splitArgs(args []string) (function, typ string) {
	if len(args) == 2 {
		return strings.TrimPrefix(args[0], "--function="), args[1]
	}
	return "", args[0]
}

// runOurs runs Extract as the command would.
func runOurs(args, files []string) result {
	var stdout, stderr bytes.Buffer
	function, typ := splitArgs(args)
	r := result{}
	if err := Extract(&stdout, &stderr, typ, function, files); err != nil {
		stderr.WriteString(Prog + ": " + err.Error() + "\n")
		r.Exit = 1
	}
	r.Stdout, r.Stderr = stdout.String(), stderr.String()
	return r
}

// runOriginal runs the original doc_extract binary in dir.
func runOriginal(t *testing.T, bin, dir string, args, files []string) result {
	t.Helper()
	cmd := exec.Command(bin, append(append([]string{}, args...), files...)...)
	cmd.Dir = dir
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	r := result{}
	if err := cmd.Run(); err != nil {
		var ee *exec.ExitError
		if !errors.As(err, &ee) {
			t.Fatalf("running %s: %v", bin, err)
		}
		r.Exit = ee.ExitCode()
	}
	r.Stdout, r.Stderr = stdout.String(), stderr.String()
	return r
}
