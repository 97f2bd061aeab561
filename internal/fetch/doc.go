// Package fetch is the client side of the archive: it reads an archive's
// package index, resolves module requests with their recursive ccan/
// dependencies, and downloads verified module tarballs.
//
// An archive is a Source. Three kinds exist, chosen by Open from the
// archive specification the user gives:
//
//   - "http://HOST" or "https://HOST": a running "ccan serve" (or a static
//     export hosted by any web server). The index files (/index/NAME, one
//     JSON line per version) are fetched through an on-disk cache that
//     revalidates with If-None-Match; every request has a timeout and is
//     retried with exponential back-off on 429, 5xx and network errors.
//   - "file:///DIR" or a path to a directory holding index/config.json: a
//     static export written by "ccan archive export", read offline.
//   - a path to a CCAN tree (a directory holding ccan/): modules are
//     loaded with internal/module and packed into the same deterministic
//     tarballs the archive serves (internal/tarball), so a tree works as
//     an archive without importing it.
//
// Resolution (Resolve) starts from the wanted modules and follows each
// chosen version's "deps" breadth first. A module asked for without a
// version gets the newest version not marked "yanked" in its index, unless
// the caller pins it (a lock file's version); an exact version is honoured
// even when yanked.
//
// Nothing here writes into a project. Download checks a tarball's size
// and SHA-256 against the index entry before it parses the tarball with
// the safe reader, and it accepts only files under ccan/NAME/ and
// licenses/; package project then stages and commits them.
package fetch
