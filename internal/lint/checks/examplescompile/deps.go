package examplescompile

import (
	"context"
	"regexp"
	"strings"

	"github.com/ccan-archive/ccan/internal/module"
)

// includeRE finds the module an #include line names, as ccanlint's
// POSIX regex does (leftmost-longest).
var includeRE = regexp.MustCompilePOSIX(`^[ 	]*#[ 	]*include[ 	]*[<"]ccan/+(.+)/+[^/]+\.h`)

// linkSet is what an example links against: the module, the modules it
// includes, and all their dependencies, in ccanlint's order.
type linkSet struct {
	mods    []string
	objects []string
	libs    []string
	errs    []string // dependencies that did not build
}

func (c *compiler) exampleDeps(ctx context.Context, lines []string) *linkSet {
	ls := &linkSet{}
	c.addDep(ctx, ls, c.u.Module.Name)
	for _, l := range lines {
		if m := includeRE.FindStringSubmatch(l); m != nil {
			c.addDep(ctx, ls, m[1])
		}
	}
	return ls
}

// addDep adds the module name and, depth first, its dependencies.
func (c *compiler) addDep(ctx context.Context, ls *linkSet, name string) {
	for _, have := range ls.mods {
		if have == name {
			return
		}
	}
	u := c.u
	ls.mods = append(ls.mods, name)
	if name == u.Module.Name {
		if c.moduleObj != "" {
			ls.objects = append(ls.objects, c.moduleObj)
		}
	} else if d := u.BuildDep(ctx, name, false); d.Err != nil {
		ls.errs = append(ls.errs, "ccan/"+name+": "+d.Err.Error())
		return
	} else if d.Object != "" {
		ls.objects = append(ls.objects, d.Object)
	}
	libs, _ := u.QueryModule(ctx, name, module.Libs)
	ls.libs = append(ls.libs, nonEmpty(libs)...)
	deps, _ := u.QueryModule(ctx, name, module.Depends)
	for _, d := range deps {
		if sub, ok := strings.CutPrefix(d, "ccan/"); ok {
			c.addDep(ctx, ls, sub)
		}
	}
}

func nonEmpty(lines []string) []string {
	var out []string
	for _, l := range lines {
		if l != "" {
			out = append(out, l)
		}
	}
	return out
}
