// Package module is the shared vocabulary of ccan: a CCAN tree, the
// modules in it, the files of each module classified as the original
// tools classify them, the module's documentation, and its `_info`
// answers (dependencies, libraries, flags).
//
// A CCAN tree is a directory (the "ccan dir") holding `ccan/` with the
// modules, `licenses/` with license texts and usually `config.h`. A
// module is any directory one or two levels below `ccan/` that contains a
// regular file named `_info`; its name is its path below `ccan/`
// ("list", "str/hex").
//
// `_info` is a C program. It can be asked questions in two ways, both
// behind the Querier interface:
//
//   - Compiled (the default of the original tools): build `_info` against
//     config.h and run it with the keyword as its only argument. Answers
//     may depend on config.h. See Compiler.
//   - Safe: a text scan of `_info` that compiles and runs nothing; it
//     can only answer "depends" and "testdepends". See SafeQuerier.
//
// The lint engine, the archive server and the client all read modules
// through this package.
package module
