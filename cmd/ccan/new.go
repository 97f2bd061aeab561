package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"text/template"

	"github.com/ccan-archive/ccan/internal/cli"
	"github.com/ccan-archive/ccan/internal/module"
	"github.com/ccan-archive/ccan/modules"
)

var cmdNew = &cli.Command{
	UsageLine: "new [--license L] [--author A] [--tree DIR] NAME",
	Short:     "create a new module skeleton",
	Long: `
New creates ccan/NAME in the CCAN tree that contains the current directory
(or the tree given with --tree; outside any tree, a new tree is started in
the current directory). NAME may be nested one level: "str/hex".

The skeleton is a complete module that ccan lint scores with full marks:
_info with its documentation and a compiling example, the main header with
an include guard and documented functions, a .c file, test/run.c using
ccan/tap, and a LICENSE link into licenses/ (the license text is added to
the tree if it is missing). Replace the example function with your own.

Licenses: CC0 (default) or MIT.
`,
	SetFlags: func(fs *flag.FlagSet) {
		fs.String("license", "CC0", "license: CC0 or MIT")
		fs.String("author", "", "author line for _info (default: $USER)")
		fs.String("tree", "", "CCAN tree directory to create the module in")
	},
	Run: runNew,
}

var validName = regexp.MustCompile(`^[a-z][a-z0-9_]*(/[a-z][a-z0-9_]*)?$`)

// newLicense maps a --license value to the _info string, the file under
// licenses/ and the one-line comment every source file starts with.
var newLicenses = map[string]struct{ info, file, comment string }{
	"CC0": {"CC0 (Public domain)", "CC0", "CC0 (Public domain)"},
	"MIT": {"BSD-MIT", "BSD-MIT", "MIT (BSD)"},
}

func runNew(ctx context.Context, env *cli.Env, args []string) error {
	if len(args) != 1 {
		return cli.UsageErrorf("need exactly one NAME")
	}
	name := strings.TrimSuffix(strings.TrimPrefix(args[0], "ccan/"), "/")
	if !validName.MatchString(name) {
		return cli.UsageErrorf("invalid module name %q: use lower-case letters, digits and _, at most one / (\"str/hex\")", args[0])
	}
	lic, ok := newLicenses[strings.ToUpper(env.String("license"))]
	if !ok {
		return cli.UsageErrorf("unknown license %q: use CC0 or MIT", env.String("license"))
	}
	treeDir := env.String("tree")
	if treeDir == "" {
		treeDir = env.Dir
		if t, err := module.FindTree(env.Dir); err == nil {
			treeDir = t.Dir
		}
	}
	author := env.String("author")
	if author == "" {
		author = env.Getenv("USER")
	}
	if author == "" {
		author = "Your Name <you@example.org>"
	}
	dir := filepath.Join(treeDir, "ccan", filepath.FromSlash(name))
	if _, err := os.Lstat(dir); err == nil {
		return fmt.Errorf("%s already exists", dir)
	}
	if err := writeSkeleton(treeDir, dir, name, author, lic.info, lic.file, lic.comment); err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "created %s\n", dir)
	if _, err := os.Stat(filepath.Join(treeDir, "ccan", "tap", "_info")); err != nil {
		fmt.Fprintf(env.Stderr, "note: the tests use ccan/tap, which is not in this tree yet: copy it in (ccan get tap)\n")
	}
	return nil
}

type skeleton struct {
	Name, Base, Guard, Author, License, Comment string
}

func writeSkeleton(treeDir, dir, name, author, licInfo, licFile, licComment string) error {
	base := path.Base(name)
	s := skeleton{
		Name: name, Base: base, Author: author, License: licInfo, Comment: licComment,
		Guard: "CCAN_" + strings.ToUpper(strings.ReplaceAll(name, "/", "_")) + "_H",
	}
	files := map[string]string{
		"_info":      infoTemplate,
		base + ".h":  headerTemplate,
		base + ".c":  sourceTemplate,
		"test/run.c": runTemplate,
	}
	if err := os.MkdirAll(filepath.Join(dir, "test"), 0o755); err != nil {
		return err
	}
	for file, text := range files {
		var buf bytes.Buffer
		if err := template.Must(template.New(file).Parse(text)).Execute(&buf, s); err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(dir, file), buf.Bytes(), 0o644); err != nil {
			return err
		}
	}
	if err := ensureLicense(treeDir, licFile); err != nil {
		return err
	}
	up := strings.Repeat("../", strings.Count(name, "/")+2)
	return os.Symlink(up+"licenses/"+licFile, filepath.Join(dir, "LICENSE"))
}

// ensureLicense puts the license text into the tree's licenses/ if missing.
func ensureLicense(treeDir, file string) error {
	dst := filepath.Join(treeDir, "licenses", file)
	if _, err := os.Stat(dst); err == nil {
		return nil
	} else if !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	text, err := fs.ReadFile(modules.Licenses, "licenses/"+file)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		return err
	}
	return os.WriteFile(dst, text, 0o644)
}

const infoTemplate = `#include "config.h"
#include <stdio.h>
#include <string.h>

/**
 * {{.Name}} - one line saying what {{.Name}} is for
 *
 * Replace this with a description of the module: what problem it
 * solves, how to use it, and anything surprising about it.
 *
 * Example:
 *	#include <ccan/{{.Name}}/{{.Base}}.h>
 *	#include <stdio.h>
 *
 *	int main(void)
 *	{
 *		printf("%d\n", {{.Base}}_add(1, 2));
 *		return 0;
 *	}
 *
 * License: {{.License}}
 * Author: {{.Author}}
 */
int main(int argc, char *argv[])
{
	/* Expect exactly one argument */
	if (argc != 2)
		return 1;

	if (strcmp(argv[1], "depends") == 0) {
		return 0;
	}

	return 1;
}
`

const headerTemplate = `/* {{.Comment}} - see LICENSE file for details */
#ifndef {{.Guard}}
#define {{.Guard}}

/**
 * {{.Base}}_add - add two integers
 * @a: the first number
 * @b: the second number
 *
 * Replace this with your module's interface.
 *
 * Example:
 *	printf("1 + 2 = %d\n", {{.Base}}_add(1, 2));
 */
int {{.Base}}_add(int a, int b);

#endif /* {{.Guard}} */
`

const sourceTemplate = `/* {{.Comment}} - see LICENSE file for details */
#include <ccan/{{.Name}}/{{.Base}}.h>

int {{.Base}}_add(int a, int b)
{
	return a + b;
}
`

const runTemplate = `#include <ccan/{{.Name}}/{{.Base}}.h>
/* Include the C files directly. */
#include <ccan/{{.Name}}/{{.Base}}.c>
#include <ccan/tap/tap.h>

int main(void)
{
	/* This is how many tests you plan to run */
	plan_tests(2);

	ok1({{.Base}}_add(1, 2) == 3);
	ok1({{.Base}}_add(-1, 1) == 0);

	/* This exits depending on whether all tests passed */
	return exit_status();
}
`
