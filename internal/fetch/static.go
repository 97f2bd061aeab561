package fetch

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/ccan-archive/ccan/internal/derrors"
	"github.com/ccan-archive/ccan/internal/export"
	"github.com/ccan-archive/ccan/internal/module"
	"github.com/ccan-archive/ccan/internal/store"
)

// Static is a static export of an archive on the local disk (what "ccan
// archive export DIR" writes), read without any server.
type Static struct {
	dir string
}

// String implements Source.
func (s *Static) String() string { return "file://" + filepath.ToSlash(s.dir) }

func (s *Static) read(p string, max int64) ([]byte, error) {
	b, err := export.ReadFile(s.dir, p, max)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("%s%s: %w", s, p, derrors.NotFound)
	}
	return b, err
}

// Index implements Source.
func (s *Static) Index(ctx context.Context, name string) ([]*Entry, error) {
	if err := store.CheckModuleName(name); err != nil {
		return nil, err
	}
	b, err := s.read("/index/"+name, maxIndexBytes)
	if errors.Is(err, derrors.NotFound) {
		return nil, fmt.Errorf("ccan/%s is not in the archive %s: %w", name, s, derrors.NotFound)
	}
	if err != nil {
		return nil, err
	}
	return ParseIndex(name, b)
}

// Open implements Source: the export's download/SHA256/NAME.
func (s *Static) Open(ctx context.Context, name string, tb *Tarball) (io.ReadCloser, error) {
	if err := tb.Check(); err != nil {
		return nil, err
	}
	f, err := os.Open(filepath.Join(s.dir, "download", tb.SHA256, tb.Name))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("%s: %s of ccan/%s is missing: %w", s, tb.Name, name, derrors.NotFound)
	}
	return f, err
}

// Search implements Source over the export's /api/modules.
func (s *Static) Search(ctx context.Context, query string, limit int) ([]*Summary, error) {
	b, err := s.read("/api/modules", maxAPIBytes)
	if err != nil {
		return nil, err
	}
	var all []*Summary
	if err := json.Unmarshal(b, &all); err != nil {
		return nil, derrors.Errorf(derrors.InvalidArgument, "%s/api/modules: %v", s, err)
	}
	return matchSummaries(all, query, limit), nil
}

// Describe implements Source with the export's /api/module/NAME, which
// describes the newest version only.
func (s *Static) Describe(ctx context.Context, name, version string) (*module.Info, error) {
	if err := store.CheckModuleName(name); err != nil {
		return nil, err
	}
	b, err := s.read("/api/module/"+name, maxAPIBytes)
	if err != nil {
		return nil, err
	}
	var mv store.ModuleVersion
	if err := json.Unmarshal(b, &mv); err != nil {
		return nil, derrors.Errorf(derrors.InvalidArgument, "%s/api/module/%s: %v", s, name, err)
	}
	if version != "" && mv.Version != version {
		return nil, derrors.Errorf(derrors.NotFound, "ccan/%s@%s: a static export describes only the newest version (%s)", name, version, mv.Version)
	}
	return infoOf(&mv), nil
}
