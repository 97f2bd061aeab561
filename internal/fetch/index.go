package fetch

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/ccan-archive/ccan/internal/blob"
	"github.com/ccan-archive/ccan/internal/derrors"
	"github.com/ccan-archive/ccan/internal/store"
)

// Limits on what an archive may send.
const (
	maxIndexBytes   = 4 << 20  // one index file
	maxIndexLines   = 10000    // versions of one module
	maxTarballBytes = 64 << 20 // one module tarball
	maxAPIBytes     = 16 << 20 // one API answer (module lists)
)

// Entry is one line of an index file: one version of a module (see
// docs/api.md, "The package index").
type Entry struct {
	Name     string   `json:"name"`
	Version  string   `json:"vers"`
	Created  string   `json:"created,omitempty"`
	Deps     []string `json:"deps"`     // direct ccan/ dependencies ("ccan/str")
	External []string `json:"external"` // direct dependencies outside the archive
	Tarball  *Tarball `json:"tarball"`  // the module alone, plus its license texts
	WithDeps *Tarball `json:"with_deps,omitempty"`
	// Yanked reports whether the archive withdrew this version: it is not
	// chosen unless asked for exactly.
	Yanked bool `json:"yanked,omitempty"`
}

// Tarball names a stored tarball: its download name, SHA-256 and size.
type Tarball struct {
	Kind   string `json:"kind,omitempty"`
	Name   string `json:"name"`
	SHA256 string `json:"sha256"`
	Size   int64  `json:"size"`
}

// DepNames returns the entry's ccan/ dependencies without the prefix.
func (e *Entry) DepNames() []string {
	out := make([]string, 0, len(e.Deps))
	for _, d := range e.Deps {
		out = append(out, strings.TrimPrefix(d, "ccan/"))
	}
	return out
}

// ParseIndex parses the index file of module name: one JSON object per
// line, oldest version first. Every line must describe name, with a
// valid version, dependencies and tarball; anything else is an
// InvalidArgument error naming the line.
func ParseIndex(name string, data []byte) ([]*Entry, error) {
	if len(data) > maxIndexBytes {
		return nil, derrors.Errorf(derrors.TooLarge, "index of ccan/%s: more than %d bytes", name, maxIndexBytes)
	}
	var out []*Entry
	seen := map[string]bool{}
	for i, line := range bytes.Split(data, []byte("\n")) {
		if len(bytes.TrimSpace(line)) == 0 {
			continue
		}
		if len(out) >= maxIndexLines {
			return nil, derrors.Errorf(derrors.TooLarge, "index of ccan/%s: more than %d versions", name, maxIndexLines)
		}
		var e Entry
		if err := json.Unmarshal(line, &e); err != nil {
			return nil, derrors.Errorf(derrors.InvalidArgument, "index of ccan/%s, line %d: %v", name, i+1, err)
		}
		if err := e.check(name); err != nil {
			return nil, fmt.Errorf("index of ccan/%s, line %d: %w", name, i+1, err)
		}
		if seen[e.Version] {
			return nil, derrors.Errorf(derrors.InvalidArgument, "index of ccan/%s, line %d: version %s twice", name, i+1, e.Version)
		}
		seen[e.Version] = true
		out = append(out, &e)
	}
	if len(out) == 0 {
		return nil, derrors.Errorf(derrors.InvalidArgument, "index of ccan/%s: no versions", name)
	}
	return out, nil
}

// check validates one entry of module name's index.
func (e *Entry) check(name string) error {
	if e.Name != name {
		return derrors.Errorf(derrors.InvalidArgument, "entry for %.80q", e.Name)
	}
	if err := store.CheckVersion(e.Version); err != nil {
		return err
	}
	for _, d := range e.Deps {
		dep, ok := strings.CutPrefix(d, "ccan/")
		if !ok {
			return derrors.Errorf(derrors.InvalidArgument, "dependency %.80q lacks the ccan/ prefix", d)
		}
		if err := store.CheckModuleName(dep); err != nil {
			return err
		}
	}
	if e.Tarball == nil {
		return derrors.Errorf(derrors.InvalidArgument, "version %s has no tarball", e.Version)
	}
	if err := e.Tarball.Check(); err != nil {
		return err
	}
	if e.WithDeps != nil {
		return e.WithDeps.Check()
	}
	return nil
}

// Check validates a tarball reference: a SHA-256, a plain .tar.gz file
// name and a plausible size.
func (tb *Tarball) Check() error {
	if err := blob.CheckKey(tb.SHA256); err != nil {
		return err
	}
	if !strings.HasSuffix(tb.Name, ".tar.gz") || len(tb.Name) > 200 || strings.ContainsAny(tb.Name, "/\\\"\x00\r\n") || strings.HasPrefix(tb.Name, ".") {
		return derrors.Errorf(derrors.InvalidArgument, "tarball name %.80q", tb.Name)
	}
	if tb.Size <= 0 || tb.Size > maxTarballBytes {
		return derrors.Errorf(derrors.InvalidArgument, "tarball %s: size %d", tb.Name, tb.Size)
	}
	return nil
}

// Pick chooses a version from a module's index entries (oldest first).
// version "" means the newest version that is not yanked; otherwise the
// exact version, yanked or not.
func Pick(entries []*Entry, version string) (*Entry, error) {
	if len(entries) == 0 {
		return nil, derrors.Errorf(derrors.NotFound, "no versions")
	}
	name := entries[0].Name
	if version != "" {
		for _, e := range entries {
			if e.Version == version {
				return e, nil
			}
		}
		return nil, derrors.Errorf(derrors.NotFound, "ccan/%s has no version %s (newest: %s)", name, version, entries[len(entries)-1].Version)
	}
	for i := len(entries) - 1; i >= 0; i-- {
		if !entries[i].Yanked {
			return entries[i], nil
		}
	}
	return nil, derrors.Errorf(derrors.NotFound, "every version of ccan/%s is yanked (ask for one exactly: %s@%s)", name, name, entries[len(entries)-1].Version)
}
