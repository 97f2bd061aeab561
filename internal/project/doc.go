// Package project manages the CCAN modules vendored into a C project:
// the layout the original create-ccan-tree made, at the project root
//
//	ccan/NAME/...      the modules (ccan/str/hex inside ccan/str)
//	licenses/X         the license texts their LICENSE links point to
//	config.h           written by "ccan configure"
//	ccan.lock          every module, version and the SHA-256 of every file
//
// so that "cc -I. main.c ccan/list/list.c" builds and "#include
// <ccan/list/list.h>" works as it does in a CCAN tree.
//
// Lock is the lock file; Verify compares the vendored files with it
// (drift); Apply moves a project from one lock to another atomically;
// CheckLicenses is the license guard. Fetching is package fetch's job:
// this package only sees verified tarball entries.
package project
