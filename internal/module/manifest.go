package module

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// Kind classifies a file of a module, as the original manifest builder does.
type Kind int

const (
	KindOther           Kind = iota // any other file, incl. LICENSE and .c/.h outside test/
	KindInfo                        // _info
	KindSource                      // top-level *.c
	KindHeader                      // top-level *.h
	KindRunTest                     // test/run*.c
	KindAPITest                     // test/api*.c
	KindCompileOKTest               // test/compile_ok*.c
	KindCompileFailTest             // test/compile_fail*.c
	KindTestHelper                  // any other test/*.c
	KindTestOther                   // .h files in test/ (data files there are KindOther)
)

var kindNames = [...]string{"other", "info", "source", "header", "run_test", "api_test",
	"compile_ok_test", "compile_fail_test", "test_helper", "test_other"}

// String returns the kind's name as used in JSON output ("run_test").
func (k Kind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return fmt.Sprintf("Kind(%d)", int(k))
}

// Classify reports the kind of a module-relative, slash-separated file
// name ("test/run.c", "list.h"). It assumes the file is regular and visible.
func Classify(name string) Kind {
	if name == "_info" {
		return KindInfo
	}
	isC := strings.HasSuffix(name, ".c")
	switch {
	case !isC && !strings.HasSuffix(name, ".h"):
		return KindOther
	case !strings.Contains(name, "/"):
		if isC {
			return KindSource
		}
		return KindHeader
	case strings.HasPrefix(name, "test/"):
		if !isC {
			return KindTestOther
		}
		switch {
		case strings.HasPrefix(name, "test/api"):
			return KindAPITest
		case strings.HasPrefix(name, "test/run"):
			return KindRunTest
		case strings.HasPrefix(name, "test/compile_ok"):
			return KindCompileOKTest
		case strings.HasPrefix(name, "test/compile_fail"):
			return KindCompileFailTest
		}
		return KindTestHelper
	}
	return KindOther
}

// Manifest is a module's file inventory. All names are module-relative
// and slash-separated; every list is sorted by name.
type Manifest struct {
	Info         string   // "_info", or "" when missing
	CFiles       []string // top-level .c
	HFiles       []string // top-level .h
	RunTests     []string
	APITests     []string
	CompileOK    []string
	CompileFail  []string
	TestHelpers  []string // other test/*.c, linked into every test
	TestOther    []string // .h files in test/
	Other        []string // everything else, LICENSE included
	Subdirs      []string // subdirectories scanned (not nested modules)
	NestedModule []string // subdirectories holding their own _info
}

// ErrNotModule is returned by ReadManifest for a directory with no _info,
// no .c and no .h file.
var ErrNotModule = errors.New("no _info, C or H files found")

// ReadManifest builds the inventory of the module directory dir:
// hidden names are ignored, symlinks are followed, non-regular files are
// dropped, and each subdirectory without its own _info is scanned one
// level deep.
func ReadManifest(dir string) (*Manifest, error) {
	m := &Manifest{}
	subs, err := m.scan(dir, "")
	if err != nil {
		return nil, err
	}
	if m.Info == "" && len(m.CFiles) == 0 && len(m.HFiles) == 0 {
		return nil, fmt.Errorf("%s: %w", dir, ErrNotModule)
	}
	for _, sub := range subs {
		if _, err := os.Lstat(filepath.Join(dir, sub, "_info")); err == nil {
			m.NestedModule = append(m.NestedModule, sub)
			continue
		}
		m.Subdirs = append(m.Subdirs, sub)
		if _, err := m.scan(dir, sub); err != nil {
			return nil, err
		}
	}
	for _, l := range []*[]string{&m.CFiles, &m.HFiles, &m.RunTests, &m.APITests, &m.CompileOK,
		&m.CompileFail, &m.TestHelpers, &m.TestOther, &m.Other} {
		sort.Strings(*l)
	}
	return m, nil
}

// scan adds the files of dir/sub and returns the subdirectories found.
func (m *Manifest) scan(dir, sub string) ([]string, error) {
	entries, err := os.ReadDir(filepath.Join(dir, sub))
	if err != nil {
		return nil, err
	}
	var subs []string
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".") {
			continue
		}
		name := e.Name()
		if sub != "" {
			name = sub + "/" + name
		}
		fi, err := os.Stat(filepath.Join(dir, filepath.FromSlash(name)))
		if err != nil {
			return nil, fmt.Errorf("stat %s: %w", filepath.Join(dir, name), err)
		}
		if fi.IsDir() {
			subs = append(subs, name)
			continue
		}
		if fi.Mode().IsRegular() {
			m.add(name)
		}
	}
	return subs, nil
}

func (m *Manifest) add(name string) {
	switch Classify(name) {
	case KindInfo:
		m.Info = name
	case KindSource:
		m.CFiles = append(m.CFiles, name)
	case KindHeader:
		m.HFiles = append(m.HFiles, name)
	case KindRunTest:
		m.RunTests = append(m.RunTests, name)
	case KindAPITest:
		m.APITests = append(m.APITests, name)
	case KindCompileOKTest:
		m.CompileOK = append(m.CompileOK, name)
	case KindCompileFailTest:
		m.CompileFail = append(m.CompileFail, name)
	case KindTestHelper:
		m.TestHelpers = append(m.TestHelpers, name)
	case KindTestOther:
		m.TestOther = append(m.TestOther, name)
	default:
		m.Other = append(m.Other, name)
	}
}

// Files lists every file with its kind in the order of the original
// modfiles tool: _info, sources and headers, LICENSE, tests (run, api,
// compile_ok, compile_fail, helpers, other test files), other files.
func (m *Manifest) Files() []File {
	var out []File
	addAll := func(k Kind, names []string) {
		for _, n := range names {
			out = append(out, File{Name: n, Kind: k})
		}
	}
	if m.Info != "" {
		out = append(out, File{Name: m.Info, Kind: KindInfo})
	}
	addAll(KindSource, m.CFiles)
	addAll(KindHeader, m.HFiles)
	var other []string
	for _, n := range m.Other {
		if n == "LICENSE" {
			out = append(out, File{Name: n, Kind: KindOther})
		} else {
			other = append(other, n)
		}
	}
	addAll(KindRunTest, m.RunTests)
	addAll(KindAPITest, m.APITests)
	addAll(KindCompileOKTest, m.CompileOK)
	addAll(KindCompileFailTest, m.CompileFail)
	addAll(KindTestHelper, m.TestHelpers)
	addAll(KindTestOther, m.TestOther)
	addAll(KindOther, other)
	return out
}

// File is one file of a module.
type File struct {
	Name string `json:"name"` // module-relative, slash-separated
	Kind Kind   `json:"-"`
}

// HasTests reports whether the module has any run or api test (which
// makes ccan/tap an implicit test dependency).
func (m *Manifest) HasTests() bool { return len(m.RunTests)+len(m.APITests) > 0 }
