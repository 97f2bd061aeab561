package testrunsutil

import (
	"strings"

	"github.com/ccan-archive/ccan/internal/lint"
	"github.com/ccan-archive/ccan/internal/module"
)

// InfoOptions reads the module's "_info ccanlint" answers for the check
// key, as the driver does: the arguments of every line naming key whose
// first argument is not FAIL, and whether some line excludes the whole
// check with FAIL. Checks use it to see another check's options
// (tests_pass runs tests with tests_pass_valgrind's options).
func InfoOptions(p *lint.Pass, key string) (options []string, excluded bool) {
	u := p.Unit
	if u.Cfg.Safe {
		return nil, false
	}
	lines, err := u.Query(p.Ctx, module.Ccanlint)
	if err != nil {
		return nil, false
	}
	for _, line := range lines {
		words := strings.Fields(line)
		if len(words) < 2 || words[0] != key {
			continue
		}
		if strings.EqualFold(words[1], "FAIL") {
			excluded = true
			continue
		}
		options = append(options, words[1:]...)
	}
	return options, excluded
}

// FileOptions applies ccanlint's per-file option rules to options for
// file (module-relative): see lint.Pass.FileOptions.
func FileOptions(options []string, file string) []string {
	return (&lint.Pass{Options: options}).FileOptions(file)
}

// IsFail reports whether per-file options are exactly FAIL.
func IsFail(opts []string) bool {
	return len(opts) == 1 && opts[0] == "FAIL"
}
