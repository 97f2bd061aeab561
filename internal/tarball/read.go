package tarball

import (
	"archive/tar"
	"bufio"
	stdbzip2 "compress/bzip2"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"path"
	"strings"

	"github.com/ccan-archive/ccan/internal/derrors"
)

// Limits caps what Read accepts.
type Limits struct {
	MaxFiles    int   // entries, directories excluded
	MaxFileSize int64 // bytes of one file
	MaxTotal    int64 // bytes of all files together
}

// DefaultLimits suit one module upload.
var DefaultLimits = Limits{MaxFiles: 2000, MaxFileSize: 8 << 20, MaxTotal: 64 << 20}

// Read reads a .tar.gz or a .tar.bz2. Directories are skipped; regular
// files and symlinks become Entries in archive order. Anything else
// (devices, hard links), a bad name, a duplicate name or a symlink
// leaving the archive is derrors.InvalidArgument; exceeding lim is
// derrors.TooLarge.
func Read(r io.Reader, lim Limits) ([]Entry, error) {
	zr, err := decompressor(r)
	if err != nil {
		return nil, derrors.Errorf(derrors.InvalidArgument, "tarball: %v", err)
	}
	tr := tar.NewReader(zr)
	var out []Entry
	seen := map[string]bool{}
	var total int64
	for {
		hdr, err := tr.Next()
		if errors.Is(err, io.EOF) {
			return out, nil
		}
		if err != nil {
			return nil, derrors.Errorf(derrors.InvalidArgument, "tarball: %v", err)
		}
		e, skip, err := readEntry(tr, hdr, lim)
		if err != nil {
			return nil, err
		}
		if skip {
			continue
		}
		if seen[e.Name] {
			return nil, derrors.Errorf(derrors.InvalidArgument, "tarball: duplicate file %s", e.Name)
		}
		seen[e.Name] = true
		total += int64(len(e.Data))
		if len(out) >= lim.MaxFiles || total > lim.MaxTotal {
			return nil, derrors.Errorf(derrors.TooLarge, "tarball: more than %d files or %d bytes", lim.MaxFiles, lim.MaxTotal)
		}
		out = append(out, e)
	}
}

// decompressor returns a reader of r's gzip or bzip2 content.
func decompressor(r io.Reader) (io.Reader, error) {
	br := bufio.NewReader(r)
	head, _ := br.Peek(3)
	if f, _ := Sniff(head); f == Bzip2 {
		return stdbzip2.NewReader(br), nil
	}
	return gzip.NewReader(br)
}

func readEntry(tr *tar.Reader, hdr *tar.Header, lim Limits) (e Entry, skip bool, err error) {
	name := strings.TrimSuffix(strings.TrimPrefix(hdr.Name, "./"), "/")
	if hdr.Typeflag == tar.TypeDir || hdr.Typeflag == tar.TypeXGlobalHeader {
		return Entry{}, true, nil
	}
	if err := CheckName(name); err != nil {
		return Entry{}, false, derrors.Errorf(derrors.InvalidArgument, "%v", err)
	}
	switch hdr.Typeflag {
	case tar.TypeSymlink:
		if err := checkLink(name, hdr.Linkname); err != nil {
			return Entry{}, false, err
		}
		return Entry{Name: name, Link: hdr.Linkname}, false, nil
	case tar.TypeReg:
	default:
		return Entry{}, false, derrors.Errorf(derrors.InvalidArgument, "tarball: %s: unsupported type %q", name, hdr.Typeflag)
	}
	if hdr.Size > lim.MaxFileSize {
		return Entry{}, false, derrors.Errorf(derrors.TooLarge, "tarball: %s: larger than %d bytes", name, lim.MaxFileSize)
	}
	data, err := io.ReadAll(io.LimitReader(tr, lim.MaxFileSize+1))
	if err != nil {
		return Entry{}, false, derrors.Errorf(derrors.InvalidArgument, "tarball: %s: %v", name, err)
	}
	return Entry{Name: name, Data: data, Exec: hdr.Mode&0o111 != 0}, false, nil
}

// checkLink requires a relative symlink target that resolves inside the
// archive.
func checkLink(name, target string) error {
	if target == "" || strings.HasPrefix(target, "/") || strings.ContainsRune(target, 0) {
		return derrors.Errorf(derrors.InvalidArgument, "tarball: %s: bad symlink target %q", name, target)
	}
	resolved := path.Join(path.Dir(name), target)
	if resolved == ".." || strings.HasPrefix(resolved, "../") {
		return derrors.Errorf(derrors.InvalidArgument, "tarball: %s: symlink %s leaves the archive", name, target)
	}
	return nil
}

// Names lists the entries' names (for tests and listings).
func Names(entries []Entry) []string {
	out := make([]string, len(entries))
	for i, e := range entries {
		out[i] = e.Name
	}
	return out
}

// String describes an entry briefly.
func (e Entry) String() string {
	if e.Link != "" {
		return fmt.Sprintf("%s -> %s", e.Name, e.Link)
	}
	return fmt.Sprintf("%s (%d bytes)", e.Name, len(e.Data))
}
