package project

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/ccan-archive/ccan/internal/tarball"
)

// TmpDir is the staging directory Apply creates (and removes) at the
// project root: on the same file system as the project, so that moving
// staged files in is a rename.
const TmpDir = ".ccan-tmp"

// Plan is a change of a project's vendored modules, from the lock on
// disk to a new one.
type Plan struct {
	Old *Lock // the lock file now on disk (empty when there is none)
	New *Lock // the lock to reach
	// Content returns the verified tarball entries of a module of New
	// whose files must be written. Modules whose locked files are intact
	// on disk are copied from there instead.
	Content func(ctx context.Context, m *Module) ([]tarball.Entry, error)
	// ConfigH is the config.h to write at the project root; nil leaves
	// config.h alone.
	ConfigH []byte
	// Force discards local edits in the directories that are rewritten,
	// and replaces directories of modules the lock does not list.
	Force bool
	// Restore also rewrites every module whose files drifted from New
	// (what "ccan get" without arguments does).
	Restore bool
}

// Result says what Apply changed.
type Result struct {
	// Written lists the paths replaced, created or removed: module
	// directories (ccan/list), license texts, config.h, ccan.lock.
	Written []string
	// Discarded are the local edits that a Force or Restore overwrote.
	Discarded []Drift
}

// Apply makes the project at dir match p.New. The unit of replacement
// is a top-level module directory (ccan/str, with ccan/str/hex inside),
// a license text, config.h and the lock file. Every unit that changes is
// first built complete in dir/.ccan-tmp, its content checked against
// p.New; only then are the units renamed into place, the lock file
// last. If anything fails before that, the project is untouched; if a
// rename fails, the renames done are undone.
//
// A unit holding local edits (see Verify) is not overwritten unless
// p.Force or p.Restore; a module directory that exists but that the old
// lock does not list is not replaced unless p.Force.
func Apply(ctx context.Context, dir string, p *Plan) (*Result, error) {
	a := &applier{dir: dir, p: p, res: &Result{}, units: map[string]bool{}, licData: map[string][]byte{}}
	if err := a.plan(); err != nil {
		return nil, err
	}
	if len(a.units) == 0 {
		return a.res, nil
	}
	if err := os.MkdirAll(filepath.Join(dir, TmpDir), 0o755); err != nil {
		return nil, err
	}
	defer os.Remove(filepath.Join(dir, TmpDir)) // only when empty: another run may be using it
	stage, err := os.MkdirTemp(filepath.Join(dir, TmpDir), "stage-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(stage)
	a.stage = stage
	if err := a.build(ctx); err != nil {
		return nil, err
	}
	if err := a.commit(); err != nil {
		return nil, err
	}
	return a.res, nil
}

type applier struct {
	dir, stage string
	p          *Plan
	res        *Result
	units      map[string]bool    // units to replace
	drift      map[string][]Drift // by unit, of the old lock
	newLic     map[string]string
	licData    map[string][]byte // license texts met while reading modules
	lockBytes  []byte
}

// plan decides which units change and refuses to overwrite local edits.
func (a *applier) plan() error {
	old, nw := a.p.Old, a.p.New
	drift, err := Verify(a.dir, old)
	if err != nil {
		return err
	}
	a.drift = map[string][]Drift{}
	for _, d := range drift {
		u := d.Path
		if !isLicense(d.Path) {
			u = unit(d.Module)
		}
		a.drift[u] = append(a.drift[u], d)
	}
	for _, m := range append(append([]*Module(nil), old.Modules...), nw.Modules...) {
		om, nm := old.Module(m.Name), nw.Module(m.Name)
		if om == nil || nm == nil || om.Version != nm.Version || om.Tarball.SHA256 != nm.Tarball.SHA256 {
			a.units[unit(m.Name)] = true
		}
	}
	if a.p.Restore {
		for u := range a.drift {
			a.units[u] = true
		}
	}
	if err := a.planLicenses(); err != nil {
		return err
	}
	if err := a.guard(); err != nil {
		return err
	}
	a.planFile("config.h", a.p.ConfigH)
	a.lockBytes = nw.Marshal()
	a.planFile(LockFile, a.lockBytes)
	return nil
}

func (a *applier) planLicenses() error {
	oldLic, err := licenseFiles(a.p.Old)
	if err != nil {
		oldLic = map[string]string{}
	}
	if a.newLic, err = licenseFiles(a.p.New); err != nil {
		return err
	}
	for p, h := range a.newLic {
		if kind, err := checkFile(a.dir, File{Path: p, SHA256: h}); err != nil {
			return err
		} else if kind != "" {
			a.units[p] = true
		}
	}
	for p := range oldLic {
		if _, ok := a.newLic[p]; !ok {
			a.units[p] = true
		}
	}
	return nil
}

// guard refuses to overwrite local edits and unmanaged directories.
func (a *applier) guard() error {
	var msgs []string
	for _, u := range sortedKeys(a.units) {
		if ds := a.drift[u]; len(ds) > 0 && !a.p.Force && !a.p.Restore {
			for _, d := range ds {
				msgs = append(msgs, fmt.Sprintf("%s: %s locally", d.Path, d.Kind))
			}
			continue
		}
		a.res.Discarded = append(a.res.Discarded, a.drift[u]...)
		if isLicense(u) || a.p.Force || a.managedIn(a.p.Old, u) {
			continue
		}
		if _, err := os.Lstat(filepath.Join(a.dir, u)); err == nil {
			msgs = append(msgs, fmt.Sprintf("%s exists but %s does not list it", u, LockFile))
		}
	}
	if len(msgs) > 0 {
		return fmt.Errorf("refusing to overwrite local changes (use --force to discard them, or \"ccan verify\" to see them):\n\t%s", strings.Join(msgs, "\n\t"))
	}
	return nil
}

func (a *applier) managedIn(l *Lock, u string) bool {
	for _, m := range l.Modules {
		if unit(m.Name) == u {
			return true
		}
	}
	return false
}

// planFile marks a whole file for replacement when its content changes.
func (a *applier) planFile(name string, data []byte) {
	if data == nil {
		return
	}
	if old, err := os.ReadFile(filepath.Join(a.dir, name)); err != nil || !bytes.Equal(old, data) {
		a.units[name] = true
	}
}

// build writes every changed unit under stage/new.
func (a *applier) build(ctx context.Context) error {
	newDir := filepath.Join(a.stage, "new")
	for _, m := range a.p.New.Modules {
		if !a.units[unit(m.Name)] {
			continue
		}
		es, err := a.content(ctx, m)
		if err != nil {
			return err
		}
		for _, e := range es {
			if isLicense(e.Name) {
				a.licData[e.Name] = e.Data
				continue
			}
			if err := writeEntry(newDir, e); err != nil {
				return err
			}
		}
	}
	for p, h := range a.newLic {
		if !a.units[p] {
			continue
		}
		data, err := a.license(ctx, p, h)
		if err != nil {
			return err
		}
		if err := writeEntry(newDir, tarball.Entry{Name: p, Data: data}); err != nil {
			return err
		}
	}
	for name, data := range map[string][]byte{"config.h": a.p.ConfigH, LockFile: a.lockBytes} {
		if a.units[name] {
			if err := writeEntry(newDir, tarball.Entry{Name: name, Data: data}); err != nil {
				return err
			}
		}
	}
	return nil
}

// content returns a module's files: from disk when the old lock has the
// same version and its files are intact, else from the Plan.
func (a *applier) content(ctx context.Context, m *Module) ([]tarball.Entry, error) {
	if om := a.p.Old.Module(m.Name); om != nil && om.Tarball.SHA256 == m.Tarball.SHA256 {
		if es, err := readModule(a.dir, m); err == nil {
			return es, nil
		}
	}
	if a.p.Content == nil {
		return nil, fmt.Errorf("ccan/%s %s: files needed and no archive to fetch them from", m.Name, m.Version)
	}
	es, err := a.p.Content(ctx, m)
	if err != nil {
		return nil, err
	}
	if err := checkEntries(m, es); err != nil {
		return nil, err
	}
	return es, nil
}

// license returns the text of license file p (SHA-256 h).
func (a *applier) license(ctx context.Context, p, h string) ([]byte, error) {
	if d, ok := a.licData[p]; ok && sum(d) == h {
		return d, nil
	}
	for _, m := range a.p.New.Modules {
		for _, f := range m.Files {
			if f.Path != p || a.p.Content == nil {
				continue
			}
			es, err := a.p.Content(ctx, m)
			if err != nil {
				return nil, err
			}
			for _, e := range es {
				if e.Name == p && sum(e.Data) == h {
					return e.Data, nil
				}
			}
		}
	}
	return nil, fmt.Errorf("%s: no module supplies its text", p)
}

// readModule reads a module's locked files (license texts aside) from
// the project, failing unless each matches the lock.
func readModule(dir string, m *Module) ([]tarball.Entry, error) {
	var out []tarball.Entry
	for _, f := range m.Files {
		if isLicense(f.Path) {
			continue
		}
		p := filepath.Join(dir, filepath.FromSlash(f.Path))
		if f.Link != "" {
			t, err := os.Readlink(p)
			if err != nil || filepath.ToSlash(t) != f.Link {
				return nil, fmt.Errorf("%s changed", f.Path)
			}
			out = append(out, tarball.Entry{Name: f.Path, Link: f.Link})
			continue
		}
		b, err := os.ReadFile(p)
		if err != nil || sum(b) != f.SHA256 {
			return nil, fmt.Errorf("%s changed", f.Path)
		}
		out = append(out, tarball.Entry{Name: f.Path, Data: b, Exec: f.Exec})
	}
	return out, nil
}

func writeEntry(root string, e tarball.Entry) error {
	p := filepath.Join(root, filepath.FromSlash(e.Name))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return err
	}
	if e.Link != "" {
		return os.Symlink(e.Link, p)
	}
	mode := os.FileMode(0o644)
	if e.Exec {
		mode = 0o755
	}
	return os.WriteFile(p, e.Data, mode)
}

// commit renames the staged units into place: module directories,
// license texts, config.h, and the lock file last. On failure the
// renames done so far are undone.
func (a *applier) commit() error {
	type move struct{ from, to string }
	var done []move
	var madeDirs []string
	mv := func(from, to string) error {
		parent := filepath.Dir(to)
		if _, err := os.Stat(parent); errors.Is(err, fs.ErrNotExist) {
			if err := os.MkdirAll(parent, 0o755); err != nil {
				return err
			}
			madeDirs = append(madeDirs, parent)
		}
		if err := os.Rename(from, to); err != nil {
			return err
		}
		done = append(done, move{from, to})
		return nil
	}
	var err error
	for _, u := range commitOrder(a.units) {
		live, staged := filepath.Join(a.dir, u), filepath.Join(a.stage, "new", u)
		if _, e := os.Lstat(live); e == nil {
			if err = mv(live, filepath.Join(a.stage, "old", u)); err != nil {
				break
			}
		}
		if _, e := os.Lstat(staged); e == nil {
			if err = mv(staged, live); err != nil {
				break
			}
		}
		a.res.Written = append(a.res.Written, u)
	}
	if err != nil {
		for i := len(done) - 1; i >= 0; i-- {
			os.Rename(done[i].to, done[i].from)
		}
		for i := len(madeDirs) - 1; i >= 0; i-- {
			os.Remove(madeDirs[i])
		}
		a.res.Written = nil
		return fmt.Errorf("moving the new files into place (the project is unchanged): %w", err)
	}
	for _, d := range []string{"ccan", "licenses"} {
		os.Remove(filepath.Join(a.dir, d)) // only when empty
	}
	return nil
}

// commitOrder sorts units: module directories, license texts, config.h,
// the lock file.
func commitOrder(units map[string]bool) []string {
	rank := func(u string) int {
		switch {
		case strings.HasPrefix(u, "ccan/"):
			return 0
		case isLicense(u):
			return 1
		case u == LockFile:
			return 3
		}
		return 2
	}
	out := sortedKeys(units)
	sort.SliceStable(out, func(i, j int) bool { return rank(out[i]) < rank(out[j]) })
	return out
}

func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
