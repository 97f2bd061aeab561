// Package store defines the archive's metadata storage: what the web
// frontend reads (Reader, after pkgsite's DataSource) and what the
// importer and, later, the lint worker write (Writer).
//
// The frontend knows nothing of the backend: store/sqlite is the one
// implementation now, a PostgreSQL one must slot in later by passing
// the same compliance suite (store/storetest). Bytes (tarballs, source
// files) live in a blob.Store; the store keeps their SHA-256 keys.
//
// Errors: a missing module, version or junkcode entry is a
// derrors.NotFound error; malformed input (a bad name, a bad search
// query) is derrors.InvalidArgument; inserting an existing version is
// derrors.AlreadyExists.
package store

import (
	"context"
	"encoding/json"
	"time"
)

// Reader is everything the frontend reads.
type Reader interface {
	// ListModules returns the latest version of every module, by name.
	ListModules(ctx context.Context) ([]*ModuleSummary, error)
	// GetModule returns one version of a module; version "" means the
	// latest.
	GetModule(ctx context.Context, name, version string) (*ModuleVersion, error)
	// Versions lists a module's versions, newest first.
	Versions(ctx context.Context, name string) ([]*VersionSummary, error)
	// Search returns the modules whose latest version matches query,
	// best first (see SearchResult.Tier), at most limit of them.
	Search(ctx context.Context, query string, limit int) ([]*SearchResult, error)
	// ReverseDeps lists the modules whose latest version depends on
	// name: directly, or with all set through any chain. Sorted.
	ReverseDeps(ctx context.Context, name string, all bool) ([]string, error)
	// GetFile returns one file of a module version (version "" =
	// latest). path is module-relative.
	GetFile(ctx context.Context, name, version, path string) (*File, error)
	// RecentVersions returns the newest versions across all modules,
	// newest first, for feeds.
	RecentVersions(ctx context.Context, limit int) ([]*VersionSummary, error)
	// Counts reports totals for the home page.
	Counts(ctx context.Context) (*Counts, error)
	// GetLint returns a version's lint results (NotFound when it was
	// never linted).
	GetLint(ctx context.Context, name, version string) (*LintResult, error)
	// ListJunk lists the junkcode entries, by name.
	ListJunk(ctx context.Context) ([]*Junk, error)
	// GetJunk returns one junkcode entry.
	GetJunk(ctx context.Context, name string) (*Junk, error)
	// Archive returns the newest whole-archive tarball of kind
	// TarballArchive or TarballArchiveBz2 (NotFound when none was built).
	Archive(ctx context.Context, kind string) (*Tarball, error)
}

// Writer is what the importer and the lint worker write.
type Writer interface {
	// InsertModuleVersion stores a new version with its files, deps and
	// tarballs in one transaction, and makes it the module's latest.
	// An existing (name, version) is derrors.AlreadyExists.
	InsertModuleVersion(ctx context.Context, mv *ModuleVersion) error
	// SetLint replaces a version's lint results and its score.
	SetLint(ctx context.Context, name, version string, res *LintResult) error
	// PutJunk inserts or replaces a junkcode entry.
	PutJunk(ctx context.Context, j *Junk) error
	// SetArchive records a new whole-archive tarball; tb.Kind is
	// TarballArchive or TarballArchiveBz2 ("" means TarballArchive).
	SetArchive(ctx context.Context, tb *Tarball) error
}

// Store is a complete backend.
type Store interface {
	Reader
	Writer
	Accounts // users, sessions, tokens, owners, yanks (accounts.go)
	Close() error
}

// ModuleVersion is one imported version of a module.
type ModuleVersion struct {
	Name    string    `json:"name"`    // "list", "str/hex"
	Version string    `json:"version"` // from _info Version:, else date-based
	Created time.Time `json:"created"`
	// ContentSHA256 identifies the module's own content (the key of its
	// plain tarball); re-importing unchanged content adds no version.
	ContentSHA256 string   `json:"content_sha256"`
	Summary       string   `json:"summary"`
	Description   string   `json:"description"`
	Example       string   `json:"example,omitempty"`
	License       string   `json:"license"`
	LicenseFile   string   `json:"license_file,omitempty"`
	Authors       []string `json:"authors"`
	Maintainers   []string `json:"maintainers"`
	SeeAlso       []string `json:"see_also,omitempty"`
	// Depends are the direct dependencies, "ccan/x" and external ones.
	Depends []string `json:"depends"`
	// AllDepends is the recursive closure of the ccan/ dependencies.
	AllDepends  []string `json:"all_depends"`
	TestDepends []string `json:"testdepends"`
	// Libs are the libraries to link; nil when unknown.
	Libs []string `json:"libs"`
	// Functions are the function names documented in the headers.
	Functions []string  `json:"functions"`
	Warnings  []string  `json:"warnings,omitempty"`
	Files     []*File   `json:"files"`
	Tarballs  []Tarball `json:"tarballs"`
	// Score and Total are the lint score; Linted reports whether set.
	Score  int  `json:"score"`
	Total  int  `json:"total"`
	Linted bool `json:"linted"`
	// Yanked reports whether the owners withdrew this version: it is
	// still served by exact version but not chosen as the latest.
	Yanked bool `json:"yanked,omitempty"`
}

// File is one file of a module version or junkcode entry.
type File struct {
	Path   string `json:"path"` // relative, slash-separated
	Kind   string `json:"kind"` // module.Kind name; "" for junkcode
	Size   int64  `json:"size"`
	SHA256 string `json:"sha256"` // blob key of the content
	// Link is a symlink's target ("../../licenses/CC0"); SHA256 and
	// Size then describe the target's content.
	Link string `json:"link,omitempty"`
}

// Tarball kinds. The first four are .tar.gz files; each has a .tar.bz2
// twin (the same tar stream, for the original site's users) whose kind
// adds "-bz2", so that a client looking for "module" still finds the
// .tar.gz.
const (
	TarballModule   = "module"    // the module alone (+ license texts)
	TarballWithDeps = "with-deps" // the module and its recursive deps
	TarballArchive  = "archive"   // the whole tree
	TarballJunk     = "junkcode"  // one junkcode directory

	TarballModuleBz2   = TarballModule + Bzip2Suffix
	TarballWithDepsBz2 = TarballWithDeps + Bzip2Suffix
	TarballArchiveBz2  = TarballArchive + Bzip2Suffix
	TarballJunkBz2     = TarballJunk + Bzip2Suffix
)

// Bzip2Suffix turns a tarball kind into the kind of its .tar.bz2 twin.
const Bzip2Suffix = "-bz2"

// Tarball is a stored .tar.gz or .tar.bz2.
type Tarball struct {
	Kind    string    `json:"kind"`
	Name    string    `json:"name"` // download file name, "list-with-deps.tar.gz"
	SHA256  string    `json:"sha256"`
	Size    int64     `json:"size"`
	Created time.Time `json:"created,omitzero"`
}

// Tarball returns mv's tarball of the given kind, or nil.
func (mv *ModuleVersion) Tarball(kind string) *Tarball { return tarballOf(mv.Tarballs, kind) }

// Tarball returns ms's tarball of the given kind, or nil.
func (ms *ModuleSummary) Tarball(kind string) *Tarball { return tarballOf(ms.Tarballs, kind) }

func tarballOf(tbs []Tarball, kind string) *Tarball {
	for i := range tbs {
		if tbs[i].Kind == kind {
			return &tbs[i]
		}
	}
	return nil
}

// ModuleSummary is a list row: a module's latest version.
type ModuleSummary struct {
	Name        string    `json:"name"`
	Version     string    `json:"version"`
	Created     time.Time `json:"created"`
	Summary     string    `json:"summary"`
	License     string    `json:"license"`
	Score       int       `json:"score"`
	Total       int       `json:"total"`
	Linted      bool      `json:"linted"`
	ReverseDeps int       `json:"reverse_deps"` // direct dependents
	Tarballs    []Tarball `json:"tarballs"`
}

// VersionSummary is one version in a version list or feed.
type VersionSummary struct {
	Name     string    `json:"name"`
	Version  string    `json:"version"`
	Created  time.Time `json:"created"`
	Summary  string    `json:"summary"`
	Depends  []string  `json:"depends"`
	Tarballs []Tarball `json:"tarballs"`
	Yanked   bool      `json:"yanked,omitempty"`
}

// Search tiers, best first.
const (
	TierExactName  = 0 // the query is the module name
	TierNamePrefix = 1 // the name starts with (or contains) the query
	TierSummary    = 2 // every term is in the name or summary
	TierBody       = 3 // the terms are in the description or functions
)

// SearchResult is one search hit.
type SearchResult struct {
	ModuleSummary
	Tier int `json:"tier"`
}

// Counts are archive totals.
type Counts struct {
	Modules  int `json:"modules"`
	Versions int `json:"versions"`
	Files    int `json:"files"`
	Junkcode int `json:"junkcode"`
	Linted   int `json:"linted"`
}

// LintResult is a lint run's outcome for one module version.
type LintResult struct {
	Score  int          `json:"score"`
	Total  int          `json:"total"`
	Checks []*LintCheck `json:"checks"`
}

// LintCheck is one check's row (a ccanlint key such as "tests_pass").
type LintCheck struct {
	Key    string `json:"key"`
	Title  string `json:"title"`
	Status string `json:"status"` // e.g. "pass", "fail", "skip"
	Score  int    `json:"score"`
	Total  int    `json:"total"`
	// Messages is the check's diagnostics as JSON (format owned by the
	// linter); nil when there were none.
	Messages json.RawMessage `json:"messages,omitempty"`
}

// Junk is a junkcode entry: code that is not a proper module, published
// as files and a tarball.
type Junk struct {
	Name    string    `json:"name"` // "someone@example.com-thing"
	Created time.Time `json:"created"`
	Files   []*File   `json:"files"`
	Tarball Tarball   `json:"tarball"`
	// TarballBz2 is the same as a .tar.bz2; nil for entries stored
	// before bzip2 tarballs were made.
	TarballBz2 *Tarball `json:"tarball_bz2,omitempty"`
}
