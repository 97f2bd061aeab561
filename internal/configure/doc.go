// Package configure probes a C compiler and writes CCAN's config.h.
//
// It is the Go equivalent of CCAN's tools/configurator. Each of the 72
// built-in probes (see Tests) is a tiny C program; a probe that compiles
// without any compiler output mentioning "warning" (and, for executed
// probes, exits 0) turns its HAVE_ macro to 1, anything else to 0. The
// resulting Config renders a config.h with the same layout as the
// original (Header) and any config.h, ours or the original's, can be read
// back with Parse.
//
// # Design
//
// Probes are values (Test), not code: a name, a Style, dependencies, extra
// compile and link flags, an optional override and the C source. Tests
// returns a fresh slice on every call, in the canonical order, which is
// also the order of the HAVE_ lines in config.h and of Config.Values; that
// order is the original configurator's, so that a config.h written here is
// byte-for-byte comparable with one written by the original.
//
// Run compiles the probes in parallel, up to Options.Jobs at a time. Every
// probe has its own temporary directory, so no two compiles share files.
// A probe waits for the probes it depends on; when a dependency condition
// fails (a positive dependency is 0, or a negated "!" dependency is 1) the
// probe is 0 without compiling. Dependencies see the value a probe
// computed itself; overrides (a passing probe forcing another probe to 1)
// are applied once every probe has finished, so the result does not
// depend on scheduling.
//
// The decision rule is the original's:
//
//   - compile failure, or compiler output containing "warning": 0;
//   - compiled, style has EXECUTE or INSIDE_MAIN: run it, exit status 0
//     gives 1, anything else (including a crash or a timeout) gives 0;
//   - compiled, other styles: 1.
//
// Like the original, Run refuses to produce a config.h when a probe that
// must compile (EXECUTE without MAY_NOT_COMPILE) does not, or when an
// INSIDE_MAIN sanity probe compiled but exits with a non-zero status:
// both mean the compiler or the flags are broken, and an all-zero
// config.h would hide that. A probe killed by a signal or the timeout is
// simply 0.
//
// Compiles and runs are started in their own process group and the whole
// group is killed when Options.Timeout expires. Compiles run with
// LC_ALL=C so that the "warning" test is not defeated by a translated
// compiler.
//
// # Cache
//
// With Options.CacheDir set, results are stored as one JSON file per key,
// written atomically (temporary file, then rename). The key hashes the
// compiler command, its resolved path, size and modification time, its
// "--version" output, the flags and a hash of every probe definition, so
// editing a probe or upgrading the compiler invalidates old entries. A
// Run that finds its key returns at once with Config.Cached set. Results
// that involved a timeout are never cached.
//
// # Differences from the original
//
// The HAVE_UCONTEXT probe of the original overflows its 2 KB context stack
// on machines where lazy symbol binding saves a large register state on
// the stack (AVX-512), and whether that crashes depends on what happens to
// lie next to the stack. The probe here gives the same answer
// deterministically: it surrounds the 2 KB stack with canary bytes and
// fails when the context switch wrote outside its stack.
package configure
