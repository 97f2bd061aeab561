package driver

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ccan-archive/ccan/internal/build"
	"github.com/ccan-archive/ccan/internal/lint"
	"github.com/ccan-archive/ccan/internal/module"
)

// check returns a synthetic check whose outcome is fixed.
func check(name string, passed bool, score, total int, reqs ...*lint.Check) *lint.Check {
	return &lint.Check{
		Name: name, Title: "Check " + name, Requires: reqs,
		Run: func(p *lint.Pass) (any, error) {
			p.Score(passed, score, total)
			if !passed {
				p.Reportf("x.c", 3, "broken")
			}
			return name, nil
		},
	}
}

func unit(t *testing.T) (*lint.Config, *module.Module) {
	t.Helper()
	root := t.TempDir()
	dir := filepath.Join(root, "ccan", "m")
	os.MkdirAll(dir, 0o755)
	os.WriteFile(filepath.Join(dir, "_info"), []byte("/**\n * m - a module\n */\n"), 0o644)
	tree := &module.Tree{Dir: root}
	m, err := tree.Load("m")
	if err != nil {
		t.Fatal(err)
	}
	cfg := &lint.Config{Builder: build.NewBuilder(nil, 1), Querier: module.SafeQuerier{}, Safe: true, Work: t.TempDir()}
	return cfg, m
}

func statuses(mr *ModuleResult) string {
	var b strings.Builder
	for _, r := range mr.Checks {
		fmt.Fprintf(&b, "%s=%s(%d/%d) ", r.Key, r.Status, r.Score, r.Total)
	}
	return strings.TrimSpace(b.String())
}

func TestSkipSemantics(t *testing.T) {
	cfg, m := unit(t)
	first := check("first", true, 1, 1)
	bad := check("bad", false, 0, 2, first)
	afterBad := check("after_bad", true, 1, 1, bad)
	deep := check("deep", true, 1, 1, afterBad)
	na := check("na", true, 1, 1, first)
	na.CanRun = func(*lint.Pass) string { return "not applicable" }
	afterNA := check("after_na", true, 1, 1, na)
	both := check("both", true, 1, 1, na, bad)
	other := check("other", true, 3, 4, first)
	suite := []*lint.Check{first, bad, afterBad, deep, na, afterNA, both, other}
	mr := RunModule(context.Background(), cfg, m, Options{Suite: suite})
	want := "first=pass(1/1) bad=fail(0/2) after_bad=skipped(0/1) deep=skipped(0/1) " +
		"na=cant_run(0/0) after_na=cant_run(0/0) both=skipped(0/1) other=pass(3/4)"
	if got := statuses(mr); got != want {
		t.Errorf("statuses:\n got %s\nwant %s", got, want)
	}
	if mr.Passed || mr.Score != 4 || mr.Total != 10 {
		t.Errorf("module: passed=%v score %d/%d, want false 4/10", mr.Passed, mr.Score, mr.Total)
	}
	for _, r := range mr.Checks {
		switch r.Key {
		case "after_na":
			if r.Reason != "dependency couldn't run" {
				t.Errorf("after_na reason %q", r.Reason)
			}
		case "after_bad", "both":
			if r.Reason != "dependency failed" {
				t.Errorf("%s reason %q", r.Key, r.Reason)
			}
		}
	}
	var out bytes.Buffer
	PrintText(&out, mr, 0, true)
	text := out.String()
	for _, s := range []string{"m: Check bad (bad): FAIL (+0/2)\n", "m: Total score: 4/10 FAIL!\n"} {
		if !strings.Contains(text, s) {
			t.Errorf("text output lacks %q:\n%s", s, text)
		}
	}
	if strings.Contains(text, "Check other") {
		t.Errorf("verbose 0 shows a passing check:\n%s", text)
	}
}

func TestCompulsoryStops(t *testing.T) {
	cfg, m := unit(t)
	first := check("first", true, 2, 3)
	comp := check("comp", false, 0, 1, first)
	comp.Compulsory = true
	later := check("later", true, 1, 1, first)
	mr := RunModule(context.Background(), cfg, m, Options{Suite: []*lint.Check{first, comp, later}})
	if mr.Passed || mr.Score != 0 || mr.Total != 4 || mr.CompulsoryFailed != "Check comp" {
		t.Errorf("got passed=%v %d/%d stop=%q; want false 0/4 stopped by Check comp", mr.Passed, mr.Score, mr.Total, mr.CompulsoryFailed)
	}
	if len(mr.Checks) != 2 {
		t.Errorf("reported %d checks, want 2 (nothing after the compulsory failure)", len(mr.Checks))
	}
}

func TestResultsFlowToDependents(t *testing.T) {
	cfg, m := unit(t)
	first := check("first", true, 1, 1)
	var seen any
	second := &lint.Check{Name: "second", Title: "Second", Requires: []*lint.Check{first},
		Run: func(p *lint.Pass) (any, error) {
			seen = p.ResultOf[first]
			p.Pass()
			return nil, nil
		}}
	panics := &lint.Check{Name: "panics", Title: "Panics", Run: func(*lint.Pass) (any, error) { panic("boom") }}
	mr := RunModule(context.Background(), cfg, m, Options{Suite: []*lint.Check{first, second, panics}})
	if seen != "first" {
		t.Errorf("second saw ResultOf[first] = %v", seen)
	}
	last := mr.Checks[2]
	if last.Status != StatusFail || !strings.Contains(last.Err, "panicked") {
		t.Errorf("a panicking check: status %s err %q; want fail with the panic", last.Status, last.Err)
	}
}

// Modules with more Example: sections start first; ties keep their order.
func TestStartOrder(t *testing.T) {
	root := t.TempDir()
	tree := &module.Tree{Dir: root}
	var mods []*module.Module
	for _, mod := range []struct {
		name     string
		examples int
	}{{"a", 0}, {"b", 2}, {"c", 0}, {"d", 5}, {"e", 2}} {
		dir := filepath.Join(root, "ccan", mod.name)
		os.MkdirAll(dir, 0o755)
		os.WriteFile(filepath.Join(dir, "_info"), []byte("/**\n * "+mod.name+" - a module\n */\n"), 0o644)
		os.WriteFile(filepath.Join(dir, mod.name+".h"), []byte(strings.Repeat("/**\n * f - x\n * Example:\n *\tf();\n */\n", mod.examples)), 0o644)
		m, err := tree.Load(mod.name)
		if err != nil {
			t.Fatal(err)
		}
		mods = append(mods, m)
	}
	var got []string
	for _, i := range StartOrder(mods) {
		got = append(got, mods[i].Name)
	}
	if s := strings.Join(got, " "); s != "d b e a c" {
		t.Errorf("start order %s, want d b e a c", s)
	}
}
