// Package uploadtest makes uploads for tests of the upload pipeline,
// the server and ccan publish: a small complete module (what "ccan new"
// creates, which lints with full marks) as tarball entries, and
// variants of it.
package uploadtest

import (
	"bytes"
	"strings"
	"testing"

	"github.com/ccan-archive/ccan/internal/tarball"
	"github.com/ccan-archive/ccan/modules"
)

// Options vary the module.
type Options struct {
	Version string // _info Version: section ("" = none: a date-based version)
	NoTests bool   // leave out test/ (the upload becomes junkcode)
	// Sum is the body of NAME_add(a, b) ("return a + b;" when ""): vary
	// it to change the content.
	Sum string
	// Layout: "" puts files under ccan/NAME/ with licenses/CC0 beside;
	// "flat" puts the module's files at the top (LICENSE left out).
	Layout string
}

// Module returns the entries of module name (one component, lower
// case) as an upload holds them.
func Module(name string, o Options) []tarball.Entry {
	sum := o.Sum
	if sum == "" {
		sum = "return a + b;"
	}
	version := ""
	if o.Version != "" {
		version = " * Version: " + o.Version + "\n"
	}
	r := strings.NewReplacer("NAME", name, "GUARD", "CCAN_"+strings.ToUpper(name)+"_H", "SUM", sum, "VERSION\n", version)
	files := map[string]string{
		"_info":     infoText,
		name + ".h": headerText,
		name + ".c": sourceText,
	}
	if !o.NoTests {
		files["test/run.c"] = runText
	}
	prefix := "ccan/" + name + "/"
	if o.Layout == "flat" {
		prefix = ""
	}
	var es []tarball.Entry
	for p, text := range files {
		es = append(es, tarball.Entry{Name: prefix + p, Data: []byte(r.Replace(text))})
	}
	if o.Layout == "" {
		cc0, err := modules.Licenses.ReadFile("licenses/CC0")
		if err != nil {
			panic(err) // embedded: cannot fail
		}
		es = append(es,
			tarball.Entry{Name: prefix + "LICENSE", Link: "../../licenses/CC0"},
			tarball.Entry{Name: "licenses/CC0", Data: cc0})
	}
	return es
}

// Tarball writes entries as a .tar.gz.
func Tarball(t testing.TB, es []tarball.Entry) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := tarball.Write(&buf, es); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

const infoText = `#include "config.h"
#include <stdio.h>
#include <string.h>

/**
 * NAME - add two integers, for upload tests
 *
 * This module exists to be uploaded by the tests of the archive's
 * upload pipeline.
 *
 * Example:
 *	#include <ccan/NAME/NAME.h>
 *	#include <stdio.h>
 *
 *	int main(void)
 *	{
 *		printf("%d\n", NAME_add(1, 2));
 *		return 0;
 *	}
 *
VERSION
 * License: CC0 (Public domain)
 * Author: Test Author <test@example.org>
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

const headerText = `/* CC0 (Public domain) - see LICENSE file for details */
#ifndef GUARD
#define GUARD

/**
 * NAME_add - add two integers
 * @a: the first number
 * @b: the second number
 *
 * Example:
 *	printf("1 + 2 = %d\n", NAME_add(1, 2));
 */
int NAME_add(int a, int b);

#endif /* GUARD */
`

const sourceText = `/* CC0 (Public domain) - see LICENSE file for details */
#include <ccan/NAME/NAME.h>

int NAME_add(int a, int b)
{
	SUM
}
`

const runText = `#include <ccan/NAME/NAME.h>
/* Include the C files directly. */
#include <ccan/NAME/NAME.c>
#include <ccan/tap/tap.h>

int main(void)
{
	/* This is how many tests you plan to run */
	plan_tests(2);

	ok1(NAME_add(1, 2) == 3);
	ok1(NAME_add(-1, 1) == 0);

	/* This exits depending on whether all tests passed */
	return exit_status();
}
`
