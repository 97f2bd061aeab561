// Package build compiles, links and runs C for the lint engine, through a
// content-addressed cache, in the manner of cmd/go's build cache.
//
// Every action (a compile, a link, a test run) has an action ID: the hash
// of its command line and of the bytes of the inputs named on it. A
// compile also depends on the headers it includes, which are only known
// after compiling; so the first run asks the compiler for a dependency
// file (-MD), and the cache entry records every header with the hash of
// its contents. A later lookup re-hashes those headers (each file hashed
// once per process) and reuses the output only if all of them are
// unchanged. Outputs are stored by their own hash (the output ID) and
// copied to where the caller wants them.
//
// The compiler's messages are part of the cached result: a warning seen
// cold is reported again warm, so scores do not depend on the cache.
//
// Cache layout under Dir:
//
//	a/<xx>/<actionID>   JSON entry: inputs with hashes, output ID, messages, exit status
//	o/<xx>/<outputID>   output bytes (objects, executables)
//
// Deleting the directory at any time is safe.
package build
