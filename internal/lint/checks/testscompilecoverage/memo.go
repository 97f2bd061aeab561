package testscompilecoverage

import (
	"encoding/json"
	"sort"

	"github.com/ccan-archive/ccan/internal/lint"
	"github.com/ccan-archive/ccan/internal/lint/checks/testscompile"
)

// Replay is a remembered outcome of tests_compile_coverage and
// tests_coverage for one set of inputs. Coverage builds cannot be cached
// as files (their data files are written next to absolute paths of the
// run that built them), so instead both checks' outcomes are remembered
// under a key over everything that decides them: compiler, flags, the
// gcov command, the test binaries of tests_compile (bytes replayed from
// the build cache, so stable), the helper and dependency objects, and
// every file of the module. A warm re-lint then runs nothing for them.
//
// When tests_coverage did not run (a test or this build failed), only
// this check's outcome is remembered (Coverage is nil).
type Replay struct {
	Compile  lint.Outcome  `json:"compile"`
	Coverage *lint.Outcome `json:"coverage,omitempty"`
}

// memoKey computes the key of the module's coverage outcome.
func (b *covBuild) memoKey(infoFlags []string) (string, error) {
	p, u := b.pass, b.pass.Unit
	parts := append([]string{"coverage", u.Cfg.CC, u.Cfg.Gcov}, u.Cfg.CFlags...)
	parts = append(parts, "\x01info")
	parts = append(parts, infoFlags...)
	var inputs []string
	if tc, ok := lint.ResultValue[testscompile.Result](p, testscompile.Check); ok {
		names := make([]string, 0, len(tc.Binaries))
		for t := range tc.Binaries {
			names = append(names, t)
		}
		sort.Strings(names)
		for _, t := range names {
			parts = append(parts, t)
			inputs = append(inputs, tc.Binaries[t])
		}
	}
	inputs = append(inputs, b.helpers...)
	inputs = append(inputs, b.deps...)
	for _, f := range u.Module.Manifest.Files() {
		parts = append(parts, f.Name)
		inputs = append(inputs, u.Module.Path(f.Name))
	}
	parts = append(parts, b.libs...)
	return u.Cfg.Builder.MemoKey(parts, inputs)
}

// lookup returns the remembered outcomes for key, if any.
func lookup(pass *lint.Pass, key string) (*Replay, bool) {
	v, ok := pass.Unit.Cfg.Builder.GetMemo(key)
	if !ok {
		return nil, false
	}
	var r Replay
	if json.Unmarshal(v, &r) != nil {
		return nil, false
	}
	return &r, true
}

// Remember stores both checks' outcomes under the build's key; tests_coverage
// calls it once it has its own outcome.
func Remember(pass *lint.Pass, res Result, coverage lint.Outcome) {
	remember(pass, res.MemoKey, Replay{Compile: res.Compile, Coverage: &coverage})
}

func remember(pass *lint.Pass, key string, r Replay) {
	if key == "" || pass.Ctx.Err() != nil {
		return
	}
	v, err := json.Marshal(r)
	if err != nil {
		return
	}
	pass.Unit.Cfg.Builder.PutMemo(key, v)
}
