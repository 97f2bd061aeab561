// Package tarball writes and reads the archive's .tar.gz and .tar.bz2
// files.
//
// Write is deterministic: the same entries give the same bytes, whatever
// order they come in and whenever they are written. Entries are sorted by
// name; every header has mtime 0 (1970-01-01), uid/gid 0 with no user or
// group names, mode 0644 (0755 for executables, 0777 for symlinks); no
// directory entries are written (tar creates them on extraction); the gzip
// header carries no name and no time (bzip2 has neither). WriteFormat
// writes the same tar stream with another compression.
//
// Read is the safe reader for tarballs from elsewhere (uploads): regular
// files and symlinks only, clean relative names, symlinks that stay inside
// the archive, and caps on the number and size of files. It tells gzip
// from bzip2 by their first bytes.
package tarball

import (
	"archive/tar"
	"compress/gzip"
	"fmt"
	"io"
	"path"
	"sort"
	"strings"
	"time"

	"github.com/dsnet/compress/bzip2"
)

// Format is a tarball's compression.
type Format int

// The formats, in the order the archive lists them.
const (
	Gzip  Format = iota // .tar.gz
	Bzip2               // .tar.bz2, as the original CCAN site published
)

// Formats lists every format.
func Formats() []Format { return []Format{Gzip, Bzip2} }

// Ext is the file name suffix: ".tar.gz" or ".tar.bz2".
func (f Format) Ext() string {
	if f == Bzip2 {
		return ".tar.bz2"
	}
	return ".tar.gz"
}

// ContentType is the format's media type, for downloads.
func (f Format) ContentType() string {
	if f == Bzip2 {
		return "application/x-bzip2"
	}
	return "application/gzip"
}

// FormatOf returns the format a file name's suffix names.
func FormatOf(name string) (Format, bool) {
	for _, f := range Formats() {
		if strings.HasSuffix(name, f.Ext()) {
			return f, true
		}
	}
	return Gzip, false
}

// Sniff reports the format of a tarball beginning with head (its first
// three bytes are enough).
func Sniff(head []byte) (Format, bool) {
	switch {
	case len(head) >= 2 && head[0] == 0x1f && head[1] == 0x8b:
		return Gzip, true
	case len(head) >= 3 && string(head[:3]) == "BZh":
		return Bzip2, true
	}
	return Gzip, false
}

// compressor returns a writer compressing to w in format f.
func (f Format) compressor(w io.Writer) (io.WriteCloser, error) {
	if f == Bzip2 {
		return bzip2.NewWriter(w, &bzip2.WriterConfig{Level: bzip2.BestCompression})
	}
	return gzip.NewWriterLevel(w, gzip.DefaultCompression)
}

// Entry is one file of a tarball.
type Entry struct {
	Name string // slash-separated, relative ("ccan/list/list.h")
	Link string // symlink target; "" for a regular file
	Data []byte // content of a regular file
	Exec bool   // reports whether the file is executable
}

// Write writes entries as a gzip-compressed tar to w. Two entries with
// the same name are an error unless identical (then one is written).
func Write(w io.Writer, entries []Entry) error {
	return WriteFormat(w, entries, Gzip)
}

// WriteFormat is Write with the compression of format f.
func WriteFormat(w io.Writer, entries []Entry, f Format) error {
	sorted, err := sortEntries(entries)
	if err != nil {
		return err
	}
	zw, err := f.compressor(w)
	if err != nil {
		return err
	}
	tw := tar.NewWriter(zw)
	for _, e := range sorted {
		if err := writeEntry(tw, e); err != nil {
			return err
		}
	}
	if err := tw.Close(); err != nil {
		return err
	}
	return zw.Close()
}

func sortEntries(entries []Entry) ([]Entry, error) {
	sorted := append([]Entry(nil), entries...)
	sort.SliceStable(sorted, func(i, j int) bool { return sorted[i].Name < sorted[j].Name })
	out := sorted[:0]
	for i, e := range sorted {
		if err := CheckName(e.Name); err != nil {
			return nil, err
		}
		if i > 0 && sorted[i-1].Name == e.Name {
			p := sorted[i-1]
			if p.Link != e.Link || p.Exec != e.Exec || string(p.Data) != string(e.Data) {
				return nil, fmt.Errorf("tarball: two different entries named %s", e.Name)
			}
			continue
		}
		out = append(out, e)
	}
	return out, nil
}

func writeEntry(tw *tar.Writer, e Entry) error {
	hdr := &tar.Header{
		Name:    e.Name,
		ModTime: time.Unix(0, 0),
		Mode:    0o644,
		Format:  tar.FormatPAX,
	}
	switch {
	case e.Link != "":
		hdr.Typeflag, hdr.Linkname, hdr.Mode = tar.TypeSymlink, e.Link, 0o777
	default:
		hdr.Typeflag, hdr.Size = tar.TypeReg, int64(len(e.Data))
		if e.Exec {
			hdr.Mode = 0o755
		}
	}
	if !needsPAX(hdr) {
		hdr.Format = tar.FormatUSTAR
	}
	if err := tw.WriteHeader(hdr); err != nil {
		return fmt.Errorf("tarball: %s: %w", e.Name, err)
	}
	if e.Link == "" {
		if _, err := tw.Write(e.Data); err != nil {
			return err
		}
	}
	return nil
}

// needsPAX reports whether hdr's names do not fit a USTAR header
// (USTAR is what every tar reads; PAX only when names are long).
func needsPAX(hdr *tar.Header) bool {
	return len(hdr.Name) > 100 || len(hdr.Linkname) > 100 || !isASCII(hdr.Name) || !isASCII(hdr.Linkname)
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 || s[i] == 0 {
			return false
		}
	}
	return true
}

// CheckName reports an error unless name is a clean, relative,
// slash-separated path with no "." or ".." component.
func CheckName(name string) error {
	if name == "" || strings.HasPrefix(name, "/") || path.Clean(name) != name || strings.ContainsAny(name, "\\\x00") {
		return fmt.Errorf("tarball: bad file name %q", name)
	}
	for _, c := range strings.Split(name, "/") {
		if c == ".." || c == "." {
			return fmt.Errorf("tarball: bad file name %q", name)
		}
	}
	return nil
}
