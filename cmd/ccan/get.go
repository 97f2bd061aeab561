package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/ccan-archive/ccan/internal/buildenv"
	"github.com/ccan-archive/ccan/internal/cli"
	"github.com/ccan-archive/ccan/internal/configure"
	"github.com/ccan-archive/ccan/internal/fetch"
	"github.com/ccan-archive/ccan/internal/project"
	"github.com/ccan-archive/ccan/internal/tarball"
)

var cmdGet = &cli.Command{
	UsageLine: "get [--archive URL] [--license L] [--allow-license-mismatch] [--force] [--no-configure] [--dry-run] [--json] [NAME[@VERSION]...]",
	Short:     "fetch modules and their dependencies into the project, locked in ccan.lock",
	Long: `
Get fetches each module NAME (at VERSION, else the newest version that is
not yanked) and, recursively, every module it depends on, into the C
project in the current directory, in the layout of the original
create-ccan-tree:

	ccan/NAME/...   the modules        licenses/X   their license texts
	config.h        (ccan configure)   ccan.lock    what was fetched

so that "cc -I. prog.c ccan/list/list.c" builds a program that includes
<ccan/list/list.h>. ccan.lock records every module, its version, the
tarball it came from and the sha256 of every file ("ccan verify" checks
them). Modules already in ccan.lock keep their locked version unless
asked for with @VERSION; "ccan update" moves them.

With no NAME, get restores exactly what ccan.lock says: missing or edited
files are fetched again (nothing is fetched when all files are intact).

Every tarball's size and sha256 are checked against the archive's index
(or the lock) before anything is written, and the new files are staged
in .ccan-tmp/ and renamed into place at the end: a get that fails
leaves the project as it was. Modules with local edits are not
overwritten unless --force.

The archive is --archive, else $CCAN_ARCHIVE, else the one ccan.lock
names, else "archive" in the config file ($CCAN_CONFIG, else
<user config dir>/ccan/config.json, e.g. ~/.config/ccan/config.json:
{"archive": "https://ccan.example.org"}). An archive is an http(s) URL
of "ccan serve" or of a hosted static export, a file:// URL (or path) of
a static export written by "ccan archive export", or a path to a CCAN
tree (a directory holding ccan/).

License guard: with --license (remembered in ccan.lock) the license of
every fetched module is checked against the project's with ccanlint's
compatibility rules; an incompatible or unknown license stops the get
with an explanation unless --allow-license-mismatch. Licenses are CCAN
License: strings or SPDX identifiers ("BSD-MIT", "GPL (v2 or any later
version)", "MIT", "LGPL-2.1-or-later").

config.h is written with "ccan configure" (the compiler and flags of an
existing config.h, else cc and the CCAN flags) unless --no-configure; a
config.h that ccan did not write is left alone.

--dry-run shows what would change without changing anything. A progress
display is shown on a terminal; otherwise one line per download goes to
standard error.
`,
	SetFlags: func(fs *flag.FlagSet) {
		syncFlags(fs)
		fs.String("license", "", "the project's license, checked against every module's (remembered in ccan.lock)")
	},
	Run: runGet,
}

// archiveFlag declares --archive, shared by the commands that read an archive.
func archiveFlag(fs *flag.FlagSet) {
	fs.String("archive", "", "archive URL or directory (default $CCAN_ARCHIVE, ccan.lock's, or the config file's)")
}

// syncFlags declares the flags of the commands that change the vendored modules.
func syncFlags(fs *flag.FlagSet) {
	archiveFlag(fs)
	fs.Bool("allow-license-mismatch", false, "fetch modules even when their license does not suit the project's")
	fs.Bool("force", false, "overwrite local edits of modules that change")
	fs.Bool("no-configure", false, "do not write or refresh config.h")
	fs.Bool("dry-run", false, "show what would change, change nothing")
	fs.Bool("json", false, "print the changes as JSON")
}

func runGet(ctx context.Context, env *cli.Env, args []string) error {
	s, err := newSession(env)
	if err != nil {
		return err
	}
	if lic := env.String("license"); lic != "" {
		if _, err := project.ParseLicense(lic); err != nil {
			return cli.UsageErrorf("--license: %v", err)
		}
		s.lic = lic
	}
	if len(args) == 0 {
		if !s.hasLock {
			return cli.UsageErrorf("no %s in %s: name the modules to get", project.LockFile, s.dir)
		}
		return s.restore(ctx)
	}
	wants := map[string]fetch.Want{}
	for _, m := range s.old.Modules {
		if m.Direct {
			wants[m.Name] = fetch.Want{Name: m.Name}
		}
	}
	for _, a := range args {
		w, err := fetch.ParseWant(a)
		if err != nil {
			return cli.UsageErrorf("%v", err)
		}
		if prev, ok := wants[w.Name]; ok && prev.Version != "" && prev.Version != w.Version {
			return cli.UsageErrorf("ccan/%s asked for twice: %s and %s", w.Name, prev, w)
		}
		wants[w.Name] = w
	}
	return s.sync(ctx, wants, s.pins(nil))
}

// session is one run of get, update or remove in a project.
type session struct {
	env     *cli.Env
	dir     string
	old     *project.Lock
	hasLock bool
	lic     string // the project's license ("" = unchecked)
	src     fetch.Source
	srcErr  error
	opened  bool
	// What the command's flags ask (false when it has no such flag).
	force, dryRun, noConfigure bool
}

func newSession(env *cli.Env) (*session, error) {
	l, exists, err := project.ReadLock(env.Dir)
	if err != nil {
		return nil, err
	}
	return &session{env: env, dir: env.Dir, old: l, hasLock: exists, lic: l.License,
		force: optBool(env, "force"), dryRun: optBool(env, "dry-run"),
		noConfigure: optBool(env, "no-configure")}, nil
}

// optBool reads a boolean flag the command may not declare.
func optBool(env *cli.Env, name string) bool {
	return env.Flags.Lookup(name) != nil && env.Bool(name)
}

// archiveSpec is where modules come from: --archive, $CCAN_ARCHIVE, the
// lock file's archive, the config file's.
func archiveSpec(env *cli.Env, l *project.Lock) (string, error) {
	if f := env.Flags.Lookup("archive"); f != nil && f.Value.String() != "" {
		return f.Value.String(), nil
	}
	if a := env.Getenv("CCAN_ARCHIVE"); a != "" {
		return a, nil
	}
	if l != nil && l.Archive != "" {
		return l.Archive, nil
	}
	path := env.Getenv("CCAN_CONFIG")
	if path == "" {
		if d, err := os.UserConfigDir(); err == nil {
			path = filepath.Join(d, "ccan", "config.json")
		}
	}
	if b, err := os.ReadFile(path); err == nil {
		var cfg struct {
			Archive string `json:"archive"`
		}
		if err := json.Unmarshal(b, &cfg); err != nil {
			return "", fmt.Errorf("%s: %v", path, err)
		}
		if cfg.Archive != "" {
			return cfg.Archive, nil
		}
	} else if !errors.Is(err, fs.ErrNotExist) {
		return "", err
	}
	return "", errors.New(`no archive: use --archive URL, set $CCAN_ARCHIVE, or put {"archive": "URL"} in ` + path)
}

// openArchive opens the archive the command line and environment name;
// l is the project's lock (nil: read it, if there is one).
func openArchive(env *cli.Env, l *project.Lock) (fetch.Source, error) {
	if l == nil {
		l, _, _ = project.ReadLock(env.Dir) // a broken lock only loses its archive here
	}
	spec, err := archiveSpec(env, l)
	if err != nil {
		return nil, err
	}
	return fetch.Open(spec, fetch.Options{Dir: env.Dir, CacheDir: filepath.Join(buildenv.CacheDir(env.Getenv), "index")})
}

// source opens the archive on first use: a restore whose files are all
// intact needs none.
func (s *session) source() (fetch.Source, error) {
	if !s.opened {
		s.opened = true
		s.src, s.srcErr = openArchive(s.env, s.old)
	}
	return s.src, s.srcErr
}

// pins are the locked versions, except those of the modules in free.
func (s *session) pins(free map[string]bool) map[string]string {
	out := map[string]string{}
	for _, m := range s.old.Modules {
		if !free[m.Name] {
			out[m.Name] = m.Version
		}
	}
	return out
}

// sync resolves wants (every direct module of the new lock) against the
// archive, fetches what changed and applies the new lock.
func (s *session) sync(ctx context.Context, wants map[string]fetch.Want, pins map[string]string) error {
	src, err := s.source()
	if err != nil {
		return err
	}
	var list []fetch.Want
	for _, w := range wants {
		list = append(list, w)
	}
	res, err := fetch.Resolve(ctx, src, list, pins)
	if err != nil {
		return err
	}
	for _, n := range res.Notes {
		fmt.Fprintf(s.env.Stderr, "ccan: note: %s\n", n)
	}
	nw := &project.Lock{Archive: src.String(), License: s.lic}
	var jobs []fetch.Job
	for _, e := range res.Modules {
		if om := s.old.Module(e.Name); om != nil && om.Version == e.Version && om.Tarball.SHA256 == e.Tarball.SHA256 {
			m := *om
			_, m.Direct = wants[e.Name]
			nw.Put(&m)
			continue
		}
		jobs = append(jobs, fetch.Job{Name: e.Name, Tarball: e.Tarball})
	}
	got := map[string][]tarball.Entry{}
	if len(jobs) > 0 {
		p := newGetProgress(s.env, len(jobs))
		got, err = fetch.DownloadAll(ctx, src, jobs, p.update)
		p.finish()
		if err != nil {
			return err
		}
	}
	for _, e := range res.Modules {
		if es, ok := got[e.Name]; ok {
			tb := project.Tarball{Name: e.Tarball.Name, SHA256: e.Tarball.SHA256, Size: e.Tarball.Size}
			m := project.NewModule(e.Name, e.Version, e.Deps, tb, es)
			_, m.Direct = wants[e.Name]
			nw.Put(m)
		}
	}
	return s.apply(ctx, nw, got, false)
}

// restore makes the vendored files match the lock again.
func (s *session) restore(ctx context.Context) error {
	nw := s.old.Clone()
	nw.License = s.lic
	if s.env.String("license") == "" {
		s.lic = "" // the lock's modules were accepted when they were fetched
	}
	return s.apply(ctx, nw, nil, true)
}

// apply checks licenses, writes config.h and moves the project to nw.
func (s *session) apply(ctx context.Context, nw *project.Lock, got map[string][]tarball.Entry, restore bool) error {
	if err := s.checkLicenses(nw); err != nil {
		return err
	}
	changes := diffLocks(s.old, nw)
	if s.dryRun {
		return printChanges(s.env, changes, nil, true)
	}
	if got == nil {
		got = map[string][]tarball.Entry{}
	}
	plan := &project.Plan{Old: s.old, New: nw, Force: s.force, Restore: restore,
		Content: func(ctx context.Context, m *project.Module) ([]tarball.Entry, error) {
			if es, ok := got[m.Name]; ok {
				return es, nil
			}
			src, err := s.source()
			if err != nil {
				return nil, fmt.Errorf("ccan/%s: files must be fetched again: %w", m.Name, err)
			}
			es, err := fetch.Download(ctx, src, m.Name, &fetch.Tarball{Name: m.Tarball.Name, SHA256: m.Tarball.SHA256, Size: m.Tarball.Size}, nil)
			if err == nil {
				got[m.Name] = es
			}
			return es, err
		}}
	if !s.noConfigure && len(nw.Modules) > 0 {
		plan.ConfigH = s.configH(ctx)
	}
	res, err := project.Apply(ctx, s.dir, plan)
	if err != nil {
		return err
	}
	return printChanges(s.env, changes, res, false)
}

// checkLicenses is the license guard.
func (s *session) checkLicenses(nw *project.Lock) error {
	if s.lic == "" {
		return nil
	}
	pl, err := project.ParseLicense(s.lic)
	if err != nil {
		return fmt.Errorf("%s: %w", project.LockFile, err)
	}
	bad := project.CheckLicenses(pl, nw.Modules)
	if len(bad) == 0 {
		return nil
	}
	var b strings.Builder
	for _, m := range bad {
		fmt.Fprintf(&b, "\n\t%s", m)
	}
	if optBool(s.env, "allow-license-mismatch") {
		fmt.Fprintf(s.env.Stderr, "ccan: warning: fetching modules whose license does not suit the project's (%s), as --allow-license-mismatch asks:%s\n", pl, b.String())
		return nil
	}
	return fmt.Errorf("license mismatch: the project is %s (%q) and the dependency closure holds:%s\n"+
		"(ccanlint's compatibility rules, see docs/guide.md); nothing was changed. Declare another --license, "+
		"or pass --allow-license-mismatch to fetch anyway", pl, s.lic, b.String())
}

// configH returns the config.h to write: probes for the compiler and
// flags of the project's config.h, or cc and the CCAN flags. A config.h
// ccan cannot read, or a failing compiler, leaves config.h alone.
func (s *session) configH(ctx context.Context) []byte {
	opts := configure.Options{CC: "cc", CacheDir: filepath.Join(buildenv.CacheDir(s.env.Getenv), "configure")}
	path := filepath.Join(s.dir, "config.h")
	if b, err := os.ReadFile(path); err == nil {
		cfg, err := configure.Parse(b)
		if err != nil {
			fmt.Fprintf(s.env.Stderr, "ccan: config.h was not written by ccan configure; leaving it alone\n")
			return nil
		}
		opts.CC, opts.CFlags = cfg.Compiler, buildenv.SplitFlags(cfg.CFlags)
	}
	cfg, err := configure.Run(ctx, opts)
	if err != nil {
		fmt.Fprintf(s.env.Stderr, "ccan: config.h not written: %v\n", err)
		return nil
	}
	return cfg.Header()
}

// getProgress shows downloads: a one-line bar on a terminal, else one
// line per finished download on standard error.
type getProgress struct {
	env   *cli.Env
	mu    sync.Mutex
	total int
	done  map[string]bool
	bytes map[string]int64
	start time.Time
	shown bool
}

func newGetProgress(env *cli.Env, total int) *getProgress {
	return &getProgress{env: env, total: total, done: map[string]bool{}, bytes: map[string]int64{}, start: time.Now()}
}

func (p *getProgress) update(name string, done, total int64) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.bytes[name] = done
	finished := done == total && !p.done[name]
	if finished {
		p.done[name] = true
	}
	if !p.env.IsTerminal {
		if finished {
			fmt.Fprintf(p.env.Stderr, "fetched ccan/%s (%s)\n", name, humanBytes(total))
		}
		return
	}
	var sum int64
	for _, b := range p.bytes {
		sum += b
	}
	const width = 24
	fill := len(p.done) * width / p.total
	bar := strings.Repeat("=", fill) + strings.Repeat("-", width-fill)
	fmt.Fprintf(p.env.Stderr, "\r[%s] %d/%d modules, %s  %-24.24s", bar, len(p.done), p.total, humanBytes(sum), "ccan/"+name)
	p.shown = true
}

func (p *getProgress) finish() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.shown {
		fmt.Fprintf(p.env.Stderr, "\r%-78s\r", "")
		fmt.Fprintf(p.env.Stderr, "fetched %d modules in %s\n", len(p.done), time.Since(p.start).Round(time.Millisecond))
	}
}

func humanBytes(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KiB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d B", n)
}
