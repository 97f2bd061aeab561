// Command getbench measures "ccan get" of a module with 10 transitive
// dependencies from a local archive (a synthesized CCAN tree in a
// temporary directory) into a fresh project, and prints the times of:
//
//   - get: resolve the closure, pack and download the 11 tarballs, check
//     their sha256, stage and commit the files and ccan.lock (what
//     "ccan get --no-configure" does; config.h probing is cached per
//     compiler and measured by lintbench's configure numbers, not here);
//   - verify: re-hash every vendored file against the lock;
//   - restore: "ccan get" with no names after one module was deleted.
//
// The target is under 1 s for get. Usage:
//
//	go run ./bench/getbench [-n RUNS] [-deps N] [-kib SIZE]
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/ccan-archive/ccan/internal/fetch"
	"github.com/ccan-archive/ccan/internal/project"
	"github.com/ccan-archive/ccan/internal/tarball"
)

func main() {
	runs := flag.Int("n", 5, "runs of each measurement (the best is printed)")
	deps := flag.Int("deps", 10, "transitive dependencies of the fetched module")
	kib := flag.Int("kib", 24, "KiB of source per module")
	flag.Parse()
	if err := run(*runs, *deps, *kib); err != nil {
		fmt.Fprintln(os.Stderr, "getbench:", err)
		os.Exit(1)
	}
}

func run(runs, deps, kib int) error {
	tmp, err := os.MkdirTemp("", "getbench-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	tree := filepath.Join(tmp, "tree")
	files, bytes, err := synthesize(tree, deps, kib)
	if err != nil {
		return err
	}
	fmt.Printf("getbench: m0 and %d transitive dependencies, %d files, %d KiB, from a local tree archive\n", deps, files, bytes>>10)
	var getT, verifyT, restoreT []time.Duration
	for i := 0; i < runs; i++ {
		proj := filepath.Join(tmp, fmt.Sprintf("proj%d", i))
		if err := os.Mkdir(proj, 0o755); err != nil {
			return err
		}
		start := time.Now()
		n, err := get(tree, proj)
		if err != nil {
			return err
		}
		getT = append(getT, time.Since(start))
		if n != deps+1 {
			return fmt.Errorf("got %d modules, want %d", n, deps+1)
		}
		l, _, err := project.ReadLock(proj)
		if err != nil {
			return err
		}
		start = time.Now()
		drift, err := project.Verify(proj, l)
		verifyT = append(verifyT, time.Since(start))
		if err != nil || len(drift) != 0 {
			return fmt.Errorf("verify: %v %v", drift, err)
		}
		if err := os.RemoveAll(filepath.Join(proj, "ccan", "m5")); err != nil {
			return err
		}
		start = time.Now()
		if err := restore(tree, proj, l); err != nil {
			return err
		}
		restoreT = append(restoreT, time.Since(start))
	}
	fmt.Printf("  get      %8s  (best of %d; median %s; target < 1s)\n", best(getT), runs, median(getT))
	fmt.Printf("  verify   %8s\n", best(verifyT))
	fmt.Printf("  restore  %8s  (one module deleted)\n", best(restoreT))
	return nil
}

// get is "ccan get m0" without config.h: the library calls cmd/ccan makes.
func get(tree, proj string) (int, error) {
	ctx := context.Background()
	src, err := fetch.Open(tree, fetch.Options{})
	if err != nil {
		return 0, err
	}
	res, err := fetch.Resolve(ctx, src, []fetch.Want{{Name: "m0"}}, nil)
	if err != nil {
		return 0, err
	}
	var jobs []fetch.Job
	for _, e := range res.Modules {
		jobs = append(jobs, fetch.Job{Name: e.Name, Tarball: e.Tarball})
	}
	got, err := fetch.DownloadAll(ctx, src, jobs, nil)
	if err != nil {
		return 0, err
	}
	nw := &project.Lock{Archive: src.String()}
	for _, e := range res.Modules {
		m := project.NewModule(e.Name, e.Version, e.Deps, project.Tarball{Name: e.Tarball.Name, SHA256: e.Tarball.SHA256, Size: e.Tarball.Size}, got[e.Name])
		m.Direct = e.Name == "m0"
		nw.Put(m)
	}
	old, _, err := project.ReadLock(proj)
	if err != nil {
		return 0, err
	}
	_, err = project.Apply(ctx, proj, &project.Plan{Old: old, New: nw,
		Content: func(ctx context.Context, m *project.Module) ([]tarball.Entry, error) { return got[m.Name], nil }})
	return len(nw.Modules), err
}

// restore is "ccan get" with no names.
func restore(tree, proj string, l *project.Lock) error {
	ctx := context.Background()
	src, err := fetch.Open(tree, fetch.Options{})
	if err != nil {
		return err
	}
	_, err = project.Apply(ctx, proj, &project.Plan{Old: l, New: l, Restore: true,
		Content: func(ctx context.Context, m *project.Module) ([]tarball.Entry, error) {
			return fetch.Download(ctx, src, m.Name, &fetch.Tarball{Name: m.Tarball.Name, SHA256: m.Tarball.SHA256, Size: m.Tarball.Size}, nil)
		}})
	if err != nil {
		return err
	}
	drift, err := project.Verify(proj, l)
	if err == nil && len(drift) > 0 {
		err = fmt.Errorf("drift after restore: %v", drift)
	}
	return err
}

// synthesize writes a tree of modules m0..mN: m0 depends on m1 and m2,
// mI on m(2I+1) and m(2I+2) (a binary tree, so dependencies are shared
// breadth first), each with an _info, a header, a source file, tests
// and a LICENSE link to licenses/CC0.
func synthesize(tree string, deps, kib int) (files int, bytes int64, err error) {
	write := func(p, s string) {
		if err == nil {
			err = os.MkdirAll(filepath.Dir(p), 0o755)
		}
		if err == nil {
			err = os.WriteFile(p, []byte(s), 0o644)
			files++
			bytes += int64(len(s))
		}
	}
	write(filepath.Join(tree, "licenses", "CC0"), "CC0 1.0 Universal: the text of the waiver.\n")
	for i := 0; i <= deps; i++ {
		name := fmt.Sprintf("m%d", i)
		dir := filepath.Join(tree, "ccan", name)
		var ds []string
		for _, c := range []int{2*i + 1, 2*i + 2} {
			if c <= deps {
				ds = append(ds, fmt.Sprintf("\t\tprintf(\"ccan/m%d\\n\");\n", c))
			}
		}
		write(filepath.Join(dir, "_info"), fmt.Sprintf(infoTmpl, name, strings.Join(ds, "")))
		write(filepath.Join(dir, name+".h"), filler("/* header of "+name+" */\n", kib*1024/3))
		write(filepath.Join(dir, name+".c"), filler("#include \""+name+".h\"\n", kib*1024*2/3))
		for _, t := range []string{"run.c", "run-more.c", "api.c", "compile_fail.c"} {
			write(filepath.Join(dir, "test", t), filler("#include <ccan/"+name+"/"+name+".h>\nint main(void) { return 0; }\n", 512))
		}
		if err == nil {
			err = os.Symlink("../../licenses/CC0", filepath.Join(dir, "LICENSE"))
		}
	}
	return files, bytes, err
}

const infoTmpl = `#include "config.h"
#include <stdio.h>
#include <string.h>

/**
 * %[1]s - a synthesized module for getbench
 *
 * License: CC0 (Public domain)
 * Author: getbench
 */
int main(int argc, char *argv[])
{
	if (argc != 2)
		return 1;
	if (strcmp(argv[1], "depends") == 0) {
%[2]s		return 0;
	}
	return 1;
}
`

// filler returns head followed by comment lines up to about n bytes.
func filler(head string, n int) string {
	var b strings.Builder
	b.WriteString(head)
	for i := 0; b.Len() < n; i++ {
		fmt.Fprintf(&b, "/* line %d: nothing to see here, just bytes to copy and hash */\n", i)
	}
	return b.String()
}

func best(ds []time.Duration) time.Duration {
	s := append([]time.Duration(nil), ds...)
	sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
	return s[0].Round(100 * time.Microsecond)
}

func median(ds []time.Duration) time.Duration {
	s := append([]time.Duration(nil), ds...)
	sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
	return s[len(s)/2].Round(100 * time.Microsecond)
}
