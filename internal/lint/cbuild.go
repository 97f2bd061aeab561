package lint

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/ccan-archive/ccan/internal/build"
	"github.com/ccan-archive/ccan/internal/module"
)

// CompileOpts describes one compile through the unit's tree and flags.
type CompileOpts struct {
	// Extra flags after the global ones (e.g. _info cflags, -DFAIL,
	// -Ireduced-features goes in PreFlags).
	Flags []string
	// PreFlags come before the global flags.
	PreFlags []string
	Objects  []string // objects to link (compile-and-link only)
	Libs     []string // library names without -l
	Out      string   // output file
	NoCache  bool
	// Dir is the compiler's working directory (default: the unit's).
	// It ends up in debug information, so work shared between units
	// must use a directory of its own to stay cacheable.
	Dir string
	// Kind labels the processes in the builder's statistics (default
	// "compile" for objects, "compile+link" for programs).
	Kind string
}

func (o CompileOpts) kind(def string) string {
	if o.Kind != "" {
		return o.Kind
	}
	return def
}

func (u *Unit) dir(o CompileOpts) string {
	if o.Dir != "" {
		return o.Dir
	}
	return u.Work
}

// CompileObject compiles src (absolute) to an object, ccanlint style:
// cc cflags -I<tree> -c -o out src.
func (u *Unit) CompileObject(ctx context.Context, src string, o CompileOpts) (*build.Result, error) {
	args := u.ccArgs(o)
	args = append(args, "-c", "-o", o.Out, src)
	return u.Cfg.Builder.Do(ctx, &build.Action{
		Args: args, Dir: u.dir(o), Inputs: []string{src}, Outputs: []string{o.Out},
		DepFile: true, Work: u.Cfg.Work, NoCache: o.NoCache, Kind: o.kind("compile"),
	})
}

// CompileAndLink compiles and links src with objects into an executable:
// cc cflags -I<tree> -o out src objs -llibs.
func (u *Unit) CompileAndLink(ctx context.Context, src string, o CompileOpts) (*build.Result, error) {
	args := u.ccArgs(o)
	args = append(args, "-o", o.Out, src)
	args = append(args, o.Objects...)
	for _, l := range o.Libs {
		args = append(args, "-l"+l)
	}
	inputs := append([]string{src}, o.Objects...)
	return u.Cfg.Builder.Do(ctx, &build.Action{
		Args: args, Dir: u.dir(o), Inputs: inputs, Outputs: []string{o.Out},
		DepFile: true, Work: u.Cfg.Work, NoCache: o.NoCache, Kind: o.kind("compile+link"),
	})
}

// LinkObjects merges objects into one relocatable object: ld -r -o out objs.
func (u *Unit) LinkObjects(ctx context.Context, out string, objs []string) (*build.Result, error) {
	args := append([]string{"ld", "-r", "-o", out}, objs...)
	return u.Cfg.Builder.Do(ctx, &build.Action{
		// ld -r records no directory: run it beside its output, so the
		// action is the same whichever unit asks for it.
		Args: args, Dir: filepath.Dir(out), Inputs: objs, Outputs: []string{out}, Work: u.Cfg.Work,
		Kind: "ld -r",
	})
}

func (u *Unit) ccArgs(o CompileOpts) []string {
	args := []string{u.Cfg.CC}
	args = append(args, o.PreFlags...)
	args = append(args, u.Cfg.CFlags...)
	args = append(args, o.Flags...)
	return append(args, u.Cfg.IncludeFlags(u.Module.Tree.Dir)...)
}

// DepObject is a dependency module built for linking: each top-level .c
// compiled with the global flags, merged with ld -r. Object is "" for a
// header-only module.
type DepObject struct {
	Name   string
	Object string
	// Err describes a failed build (compiler output included).
	Err error
}

// BuildDep builds (once per run and variant) the named dependency module.
// reduced selects the reduced-features variant, which needs this unit's
// reduced-features directory.
func (u *Unit) BuildDep(ctx context.Context, name string, reduced bool) *DepObject {
	key := name
	var pre []string
	if reduced {
		// Each module has its own reduced config.h: no sharing.
		key = name + "\x00reduced\x00" + u.Module.Name
		pre = []string{"-I" + filepath.Join(u.Work, "reduced-features")}
	}
	d, _ := u.Cfg.deps.Do(key, func() (*DepObject, error) {
		return u.buildDep(ctx, name, pre), nil
	})
	return d
}

func (u *Unit) buildDep(ctx context.Context, name string, pre []string) *DepObject {
	d := &DepObject{Name: name}
	m, err := u.Module.Tree.Load(name)
	if err != nil {
		d.Err = err
		return d
	}
	dir := filepath.Join(u.Cfg.Work, "deps", strings.ReplaceAll(name, "/", "_"))
	if len(pre) > 0 {
		dir = filepath.Join(u.Work, "deps-reduced", strings.ReplaceAll(name, "/", "_"))
	}
	// Per-file objects go in a subdirectory: "tap.c" must not compile
	// to the merged "tap.o".
	if err := os.MkdirAll(filepath.Join(dir, "objs"), 0o755); err != nil {
		d.Err = err
		return d
	}
	kind := "dep compile"
	if len(pre) > 0 {
		kind = "nofeat dep compile"
	}
	var objs []string
	for _, c := range m.Manifest.CFiles {
		out := filepath.Join(dir, "objs", strings.TrimSuffix(c, ".c")+".o")
		// Compile in the dependency's own directory: whichever unit
		// builds it first, the object (and its cache key) is the same.
		r, err := u.CompileObject(ctx, m.Path(c), CompileOpts{PreFlags: pre, Out: out, Dir: dir, Kind: kind})
		if err != nil {
			d.Err = err
			return d
		}
		if !r.OK() {
			d.Err = fmt.Errorf("%s", strings.TrimSpace(r.Output))
			return d
		}
		objs = append(objs, out)
	}
	if len(objs) == 0 {
		return d
	}
	out := filepath.Join(dir, m.Basename()+".o")
	r, err := u.LinkObjects(ctx, out, objs)
	if err != nil {
		d.Err = err
		return d
	}
	if !r.OK() {
		d.Err = fmt.Errorf("ld -r: %s", strings.TrimSpace(r.Output))
		return d
	}
	d.Object = out
	return d
}

// Load is a helper for checks: the module of a ccan/ dependency name.
func (u *Unit) Load(dep string) (*module.Module, error) {
	return u.Module.Tree.Load(strings.TrimPrefix(dep, "ccan/"))
}
