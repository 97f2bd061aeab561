package buildutil

import (
	"sync"

	"github.com/ccan-archive/ccan/internal/build"
	"github.com/ccan-archive/ccan/internal/lint"
)

// TestBuild is what the test programs of one variant are built from.
type TestBuild struct {
	Dir     string   // where the programs go
	Flags   []string // after the global cflags (reduced features, _info cflags)
	Helpers []string // test helper objects
	Module  []string // the module's own objects (linked into api tests)
	Deps    []string // dependency and test dependency objects
	Libs    []string
	Kind    string // statistics label of the compiles (see lint.CompileOpts)
}

func (b *TestBuild) opts(api bool, out string) lint.CompileOpts {
	objs := append([]string(nil), b.Helpers...)
	if api {
		objs = append(objs, b.Module...)
	}
	objs = append(objs, b.Deps...)
	return lint.CompileOpts{Flags: b.Flags, Objects: objs, Libs: b.Libs, Out: out, Kind: b.Kind}
}

type testJob struct {
	file string
	api  bool
	out  string
	res  *build.Result
	err  error
}

// CompileTests builds the module's tests as ccanlint's tests_compile:
// compile_ok, run and api tests at once (the builder bounds the
// processes), then, if none failed, each compile_fail test without and
// with -DFAIL. It scores the pass (total 1 + compile_fail tests that
// passed so far; one point lost if an ordinary test printed anything)
// and returns the programs of the ordinary tests by file name.
func CompileTests(p *lint.Pass, b *TestBuild) (map[string]string, error) {
	p.Score(false, 0, 1)
	jobs := ordinaryJobs(p, b)
	bins := make(map[string]string, len(jobs))
	failed, warned := false, false
	for _, j := range jobs {
		switch {
		case j.err != nil:
			return nil, j.err
		case !j.res.OK():
			p.Reportf(j.file, 0, "Compile failed:\n%s", j.res.Output)
			failed = true
		case j.res.Output != "":
			p.Reportf(j.file, 0, "Compile gave warnings:\n%s", j.res.Output)
			warned = true
		}
		if j.res.OK() {
			bins[j.file] = j.out
		}
	}
	if failed {
		return bins, nil
	}
	total := 1
	for _, f := range p.Unit.Module.Manifest.CompileFail {
		ok, err := compileFail(p, b, f)
		if err != nil || !ok {
			p.Score(false, 0, total)
			return bins, err
		}
		total++
	}
	p.Score(true, total-b2i(warned), total)
	return bins, nil
}

func ordinaryJobs(p *lint.Pass, b *TestBuild) []*testJob {
	m := p.Unit.Module.Manifest
	var jobs []*testJob
	kinds := []struct {
		files []string
		api   bool
	}{{m.CompileOK, false}, {m.RunTests, false}, {m.APITests, true}}
	for _, k := range kinds {
		for _, f := range k.files {
			jobs = append(jobs, &testJob{file: f, api: k.api, out: objName(b.Dir, f, "")})
		}
	}
	var wg sync.WaitGroup
	for _, j := range jobs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			j.res, j.err = p.Unit.CompileAndLink(p.Ctx, p.Unit.Module.Path(j.file), b.opts(j.api, j.out))
		}()
	}
	wg.Wait()
	return jobs
}

// compileFail checks one compile_fail test: silent success without
// FAIL, then failure (or any output) with -DFAIL.
func compileFail(p *lint.Pass, b *TestBuild, f string) (bool, error) {
	u := p.Unit
	src := u.Module.Path(f)
	o := b.opts(false, objName(b.Dir, f, ""))
	o.Kind = "compile_fail"
	r, err := u.CompileAndLink(p.Ctx, src, o)
	if err != nil {
		return false, err
	}
	if !r.OK() {
		p.Reportf(f, 0, "Compile without -DFAIL failed:\n%s", r.Output)
		return false, nil
	}
	if r.Output != "" {
		p.Reportf(f, 0, "Compile gave warnings without -DFAIL:\n%s", r.Output)
		return false, nil
	}
	o = b.opts(false, objName(b.Dir, f, "-FAIL"))
	o.Kind = "compile_fail"
	o.PreFlags = []string{"-DFAIL"}
	r, err = u.CompileAndLink(p.Ctx, src, o)
	if err != nil {
		return false, err
	}
	if r.OK() && r.Output == "" {
		p.Reportf(f, 0, "Compiled successfully with -DFAIL?")
		return false, nil
	}
	return true, nil
}
