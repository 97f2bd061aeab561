package project

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/ccan-archive/ccan/internal/blob"
	"github.com/ccan-archive/ccan/internal/derrors"
	"github.com/ccan-archive/ccan/internal/store"
	"github.com/ccan-archive/ccan/internal/tarball"
)

// LockFile is the lock file's name at the project root.
const LockFile = "ccan.lock"

// lockVersion is the format version this package writes and reads.
const lockVersion = 1

// maxLockBytes bounds the lock file Read accepts.
const maxLockBytes = 64 << 20

// Lock is ccan.lock: the vendored modules, their versions and the
// SHA-256 of every file, plus the archive they came from and the
// project's declared license.
type Lock struct {
	Version int    `json:"lock_version"`
	Archive string `json:"archive,omitempty"`
	// License is the project's license as declared with --license
	// ("" = not declared: no license check).
	License string    `json:"license,omitempty"`
	Modules []*Module `json:"modules"`
}

// Module is one vendored module version.
type Module struct {
	Name    string `json:"name"`
	Version string `json:"version"`
	// Direct reports whether the module was asked for by name (else it
	// is only there as a dependency).
	Direct bool `json:"direct,omitempty"`
	// License is the first line of its _info License: section.
	License string   `json:"license"`
	Deps    []string `json:"deps"` // direct ccan/ dependencies ("ccan/str")
	Tarball Tarball  `json:"tarball"`
	// Files are every file the module's tarball holds, project-relative
	// and sorted: ccan/NAME/... and the license texts licenses/X.
	Files []File `json:"files"`
}

// Tarball is the archive tarball a module version was unpacked from.
type Tarball struct {
	Name   string `json:"name"`
	SHA256 string `json:"sha256"`
	Size   int64  `json:"size"`
}

// File is one vendored file: a regular file with its SHA-256, or a
// symlink with its target.
type File struct {
	Path   string `json:"path"`
	SHA256 string `json:"sha256,omitempty"`
	Link   string `json:"link,omitempty"`
	Exec   bool   `json:"exec,omitempty"`
}

// Module returns the named module, or nil.
func (l *Lock) Module(name string) *Module {
	for _, m := range l.Modules {
		if m.Name == name {
			return m
		}
	}
	return nil
}

// Clone returns a copy that can be changed without changing l (modules
// are shared: replace them, do not edit them).
func (l *Lock) Clone() *Lock {
	c := *l
	c.Modules = append([]*Module(nil), l.Modules...)
	return &c
}

// Put adds or replaces a module, keeping Modules sorted by name.
func (l *Lock) Put(m *Module) {
	for i, o := range l.Modules {
		if o.Name == m.Name {
			l.Modules[i] = m
			return
		}
	}
	l.Modules = append(l.Modules, m)
	sort.Slice(l.Modules, func(i, j int) bool { return l.Modules[i].Name < l.Modules[j].Name })
}

// Delete removes the named module.
func (l *Lock) Delete(name string) {
	for i, m := range l.Modules {
		if m.Name == name {
			l.Modules = append(l.Modules[:i], l.Modules[i+1:]...)
			return
		}
	}
}

// Marshal encodes the lock as indented JSON.
func (l *Lock) Marshal() []byte {
	c := *l
	c.Version = lockVersion
	if c.Modules == nil {
		c.Modules = []*Module{}
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	enc.Encode(&c) // cannot fail: plain strings, numbers, slices
	return buf.Bytes()
}

// ParseLock decodes and checks a lock file: known format version, valid
// module names and versions, SHA-256 sums, and file paths that are
// clean and lie under the module's directory or licenses/.
func ParseLock(data []byte) (*Lock, error) {
	if len(data) > maxLockBytes {
		return nil, derrors.Errorf(derrors.TooLarge, "%s: more than %d bytes", LockFile, maxLockBytes)
	}
	var l Lock
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&l); err != nil {
		return nil, derrors.Errorf(derrors.InvalidArgument, "%s: %v", LockFile, err)
	}
	if l.Version != lockVersion {
		return nil, derrors.Errorf(derrors.InvalidArgument, "%s: lock_version %d, this ccan reads %d", LockFile, l.Version, lockVersion)
	}
	seen := map[string]bool{}
	for i, m := range l.Modules {
		if m == nil {
			return nil, derrors.Errorf(derrors.InvalidArgument, "%s: module %d is null", LockFile, i)
		}
		if err := m.check(); err != nil {
			return nil, fmt.Errorf("%s: %w", LockFile, err)
		}
		if seen[m.Name] {
			return nil, derrors.Errorf(derrors.InvalidArgument, "%s: ccan/%s listed twice", LockFile, m.Name)
		}
		seen[m.Name] = true
	}
	sort.Slice(l.Modules, func(i, j int) bool { return l.Modules[i].Name < l.Modules[j].Name })
	if l.Modules == nil {
		l.Modules = []*Module{}
	}
	return &l, nil
}

func (m *Module) check() error {
	if err := store.CheckModuleName(m.Name); err != nil {
		return err
	}
	if err := store.CheckVersion(m.Version); err != nil {
		return fmt.Errorf("ccan/%s: %w", m.Name, err)
	}
	if err := blob.CheckKey(m.Tarball.SHA256); err != nil {
		return fmt.Errorf("ccan/%s: %w", m.Name, err)
	}
	for _, d := range m.Deps {
		if n, ok := strings.CutPrefix(d, "ccan/"); !ok || store.CheckModuleName(n) != nil {
			return derrors.Errorf(derrors.InvalidArgument, "ccan/%s: dependency %.80q", m.Name, d)
		}
	}
	for _, f := range m.Files {
		if err := f.check(m.Name); err != nil {
			return fmt.Errorf("ccan/%s: %w", m.Name, err)
		}
	}
	return nil
}

func (f *File) check(name string) error {
	if err := tarball.CheckName(f.Path); err != nil {
		return derrors.Errorf(derrors.InvalidArgument, "%v", err)
	}
	lic, isLicense := strings.CutPrefix(f.Path, "licenses/")
	if !strings.HasPrefix(f.Path, "ccan/"+name+"/") && !(isLicense && !strings.Contains(lic, "/")) {
		return derrors.Errorf(derrors.InvalidArgument, "file %.80q is outside ccan/%s/ and licenses/", f.Path, name)
	}
	if (f.Link == "") == (f.SHA256 == "") {
		return derrors.Errorf(derrors.InvalidArgument, "file %s: want either sha256 or link", f.Path)
	}
	if f.Link != "" {
		if strings.HasPrefix(f.Link, "/") || strings.ContainsRune(f.Link, 0) {
			return derrors.Errorf(derrors.InvalidArgument, "file %s: bad link %.80q", f.Path, f.Link)
		}
		return nil
	}
	return blob.CheckKey(f.SHA256)
}

// ReadLock reads dir's lock file. A missing file gives an empty lock
// and exists == false.
func ReadLock(dir string) (l *Lock, exists bool, err error) {
	b, err := os.ReadFile(filepath.Join(dir, LockFile))
	if errors.Is(err, fs.ErrNotExist) {
		return &Lock{Version: lockVersion}, false, nil
	}
	if err != nil {
		return nil, false, err
	}
	l, err = ParseLock(b)
	return l, err == nil, err
}
