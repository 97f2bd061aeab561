package main

import "github.com/ccan-archive/ccan/internal/cli"

var topicModules = &cli.Topic{
	Name:  "modules",
	Short: "the layout of a CCAN tree and its modules",
	Long: `
A CCAN tree is a directory holding ccan/ (the modules), licenses/ (license
texts) and usually config.h (see "ccan help configure").

A module is any directory one or two levels below ccan/ that contains a
regular file named _info: ccan/list, ccan/str/hex. Its name is its path
below ccan/ ("str/hex"); its main header is named after the last
component (ccan/str/hex/hex.h) and code includes it as
#include <ccan/str/hex/hex.h>.

Files of a module are classified as the original tools classify them:

	_info             the module's description and build questions (C program)
	*.c, *.h          module sources and headers (top level only)
	test/run*.c       run tests: compiled with the module's .c #included, run
	test/api*.c       api tests: linked against the module's objects, run
	test/compile_ok*.c    must compile and link
	test/compile_fail*.c  must compile, and must fail with -DFAIL
	test/*.c (other)  helpers linked into every test
	test/* (other)    test data
	LICENSE           usually a symlink to ../../licenses/<NAME>
	anything else     other files (never compiled)

Hidden files are ignored; subdirectories are scanned one level deep,
except nested modules (those with their own _info).

Commands that take MODULE accept a module directory (ccan/list, ., or an
absolute path) or a module name (list, str/hex) looked up in the tree that
contains the current directory, or else in the tree named by $CCAN_TREE.
`,
}

var topicInfo = &cli.Topic{
	Name:  "info",
	Short: "the _info file: documentation and build questions",
	Long: `
_info is a C program. Its leading /** ... */ comment documents the module:

	/**
	 * str/hex - hex encoding and decoding
	 *
	 * Description paragraphs; indented lines are shown literally.
	 *
	 * Example:
	 *	#include <ccan/str/hex/hex.h>
	 *	int main(void) { ... }
	 *
	 * License: CC0 (Public domain)
	 * Author: A. Person <a@example.org>
	 */

A line shaped like "Capitalised Words:" starts a new section; text after
the colon on the same line makes a one-line section. "ccan doc" prints
sections.

Its main() answers one keyword given as its only argument, one item per
line: depends (ccan/X for CCAN modules, anything else is external),
testdepends, libs (for -l), cflags, ported (empty = supported, otherwise
the reason) and ccanlint (per-module lint settings).

Answers may depend on config.h, so by default ccan compiles _info and runs
it (compiled programs are cached). With --safe, commands scan _info as
text instead and compile nothing; that scan only knows depends and
testdepends.
`,
}

var topicCache = &cli.Topic{
	Name:  "cache",
	Short: "where ccan keeps compiled results",
	Long: `
ccan caches what it compiles: configure results per compiler and flags,
generated config.h files, and compiled _info programs, all keyed by a hash
of their inputs. The cache lives in $CCAN_CACHE, or else in the user cache
directory (~/.cache/ccan on Linux). Deleting it is always safe.
`,
}
