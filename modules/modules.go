// Package modules holds the starter archive: CCAN modules written for
// this project (ccan/...) and the license texts they link to
// (licenses/...). The modules are demo content for the archive and test
// fixtures for every command.
//
// Only the license texts are embedded in the binary (for "ccan new"):
// embedding cannot hold the modules' LICENSE symlinks, so commands read
// the modules from disk.
package modules

import "embed"

// Licenses holds licenses/*, the license texts of the starter archive.
//
//go:embed licenses
var Licenses embed.FS
