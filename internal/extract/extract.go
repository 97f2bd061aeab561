// Package extract unpacks uploads (.tar.gz, .tgz, .tar.bz2, .tar, .zip
// or single .c/.h files) into a directory, refusing anything that could
// reach outside it or exhaust the disk.
//
// The format comes from the upload's name and its first bytes; the two
// must agree. Entries are checked and written one at a time while the
// archive streams in, so a bomb is stopped as soon as a cap is passed,
// never inflated first:
//
//   - Names must be valid UTF-8, relative, with no "", "." or ".."
//     component, no backslash, no control or formatting character
//     (newline, NUL, U+202E ...), at most Limits.MaxNameLen bytes, at
//     most 255 bytes per component and Limits.MaxDepth components.
//   - Two entries may not share a name, nor differ only in letter case
//     (the tree must unpack on case-insensitive file systems too); an
//     entry may not sit below a file or a symlink. Repeated directory
//     entries are fine.
//   - Regular files are written 0644 and directories 0755, whatever the
//     archive says (no setuid, no executable bits); times are not kept.
//     Devices, fifos, sockets and sparse files are refused.
//   - Symlinks with an absolute target are refused. Relative symlinks are
//     created only after every other entry is written, so no entry can be
//     written through one; each is then resolved the way the kernel would
//     (following links it meets) and kept only if it stays inside the
//     extracted tree. One that leaves it (a module's
//     LICENSE -> ../../licenses/X uploaded without the licenses
//     directory) is left out with a warning in Result.Warnings rather
//     than failing the upload: nothing is written there and nothing can
//     follow it.
//   - A hard link is written as a copy of its target, which must be a
//     regular file earlier in the same archive; the copy counts against
//     the caps again.
//   - Caps (Limits): total bytes, bytes per file, number of entries
//     (files, directories and links) and the compression ratio, counted
//     while streaming; a zip's central directory is checked first.
//   - When every entry lies in one top-level directory ("list/_info",
//     "list/list.h"), that directory is stripped and named in Result.Root.
//
// Files are created with os.Root (openat with O_NOFOLLOW, never leaving
// dst) and O_CREATE|O_EXCL|O_NOFOLLOW, so nothing outside dst is touched
// even if dst's contents change under us.
//
// A problem with the upload is an *Error naming the entry; any other
// error (the disk, the context, reading the upload) is not the
// uploader's fault and is returned as is.
package extract

import (
	"bufio"
	"compress/bzip2"
	"compress/gzip"
	"context"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strconv"
	"strings"

	"github.com/ccan-archive/ccan/internal/derrors"
)

// Limits caps what an upload may unpack to. A zero field takes its
// DefaultLimits value.
type Limits struct {
	MaxTotal    int64   // bytes of all files together (hard-link copies count again)
	MaxFiles    int     // entries: files, directories and symlinks
	MaxFileSize int64   // bytes of one file
	MaxRatio    float64 // uncompressed bytes per compressed byte, once past 1 MiB
	MaxNameLen  int     // bytes of an entry's whole path
	MaxDepth    int     // components of an entry's path
}

// DefaultLimits suit one module upload: 64 MiB in all, 10000 entries,
// 16 MiB per file, a compression ratio of 200, paths of 1024 bytes and 32
// levels.
func DefaultLimits() Limits {
	return Limits{MaxTotal: 64 << 20, MaxFiles: 10000, MaxFileSize: 16 << 20,
		MaxRatio: 200, MaxNameLen: 1024, MaxDepth: 32}
}

func (l Limits) withDefaults() Limits {
	d := DefaultLimits()
	if l.MaxTotal <= 0 {
		l.MaxTotal = d.MaxTotal
	}
	if l.MaxFiles <= 0 {
		l.MaxFiles = d.MaxFiles
	}
	if l.MaxFileSize <= 0 {
		l.MaxFileSize = d.MaxFileSize
	}
	if l.MaxRatio <= 0 {
		l.MaxRatio = d.MaxRatio
	}
	if l.MaxNameLen <= 0 {
		l.MaxNameLen = d.MaxNameLen
	}
	if l.MaxDepth <= 0 {
		l.MaxDepth = d.MaxDepth
	}
	return l
}

// maxStream is the most bytes an archive stream may hold: the file data
// plus room for headers, long-name records and padding of every entry.
// Compressed uploads may not be larger either.
func (l Limits) maxStream() int64 {
	return l.MaxTotal + int64(l.MaxFiles+2)*4096
}

// File is one file or symlink written.
type File struct {
	Path string      // slash-separated, relative to dst (after Root is stripped)
	Size int64       // bytes; 0 for a symlink
	Mode fs.FileMode // 0644, or fs.ModeSymlink|0777
	Link string      // a symlink's target; "" for a regular file
}

// Result describes what Extract wrote.
type Result struct {
	Format   string   // "tar.gz", "tar.bz2", "tar", "zip" or "files" (single .c/.h files)
	Files    []File   // sorted by Path; directories are not listed
	Root     string   // the common top-level directory stripped, or ""
	Warnings []string // entries left out (symlinks leaving the upload)
}

// Error is a problem with the upload: Entry is the offending entry as
// the upload names it (or the upload's own name), Reason says what is
// wrong in plain words. It wraps derrors.TooLarge when a cap was passed,
// else derrors.InvalidArgument.
type Error struct {
	Entry  string
	Reason string
	Kind   error // derrors.InvalidArgument or derrors.TooLarge; nil means InvalidArgument
}

// Error quotes the entry so that a newline or NUL in it prints safely.
func (e *Error) Error() string { return strconv.Quote(e.Entry) + ": " + e.Reason }

// Unwrap returns the error's kind.
func (e *Error) Unwrap() error {
	if e.Kind == nil {
		return derrors.InvalidArgument
	}
	return e.Kind
}

func invalid(entry, format string, args ...any) *Error {
	return &Error{Entry: entry, Reason: fmt.Sprintf(format, args...), Kind: derrors.InvalidArgument}
}

func tooLarge(entry, format string, args ...any) *Error {
	return &Error{Entry: entry, Reason: fmt.Sprintf(format, args...), Kind: derrors.TooLarge}
}

// NamedReader is one single-file upload for ExtractFiles.
type NamedReader struct {
	Name string // the file's name as uploaded ("list.c"); a directory part is dropped
	R    io.Reader
}

// Extract writes the upload r, named name, into dst, an existing empty
// directory. The format comes from the name (.tar.gz, .tgz, .tar.bz2,
// .tbz2, .tar, .zip, .c, .h) and the content's magic bytes, which must
// agree; a name with another extension is accepted when the content is a
// recognised archive. On error dst may hold partial files: the caller
// removes it.
func Extract(ctx context.Context, r io.Reader, name, dst string, lim Limits) (*Result, error) {
	x, err := newExtractor(ctx, dst, name, lim.withDefaults())
	if err != nil {
		return nil, err
	}
	defer x.close()
	in := &input{ctx: ctx, r: r, limit: x.lim.maxStream()}
	br := bufio.NewReaderSize(in, 4096)
	head, err := br.Peek(512)
	if err != nil && err != io.EOF {
		return nil, x.classify(err)
	}
	format, err := detect(name, head)
	if err != nil {
		return nil, err
	}
	if err := x.extract(format, br, in); err != nil {
		return nil, x.classify(err)
	}
	return x.finish(format)
}

// extract unpacks one format.
func (x *extractor) extract(format string, br *bufio.Reader, in *input) error {
	switch format {
	case "tar.gz":
		zr, err := gzip.NewReader(br)
		if err != nil {
			return invalid(x.upload, "damaged gzip data: %v", err)
		}
		return x.tarStream(zr, "gzip", in.count)
	case "tar.bz2":
		return x.tarStream(bzip2.NewReader(br), "bzip2", in.count)
	case "tar":
		return x.tarStream(br, "", nil)
	case "zip":
		return x.zip(br)
	default:
		return x.single(x.upload, br)
	}
}

// ExtractFiles writes several single .c/.h uploads into dst, an existing
// empty directory, with the same checks as Extract (their names must
// differ, also in more than letter case).
func ExtractFiles(ctx context.Context, files []NamedReader, dst string, lim Limits) (*Result, error) {
	if len(files) == 0 {
		return nil, invalid("", "no files uploaded")
	}
	x, err := newExtractor(ctx, dst, "", lim.withDefaults())
	if err != nil {
		return nil, err
	}
	defer x.close()
	for _, f := range files {
		x.upload = f.Name
		in := &input{ctx: ctx, r: f.R, limit: x.lim.maxStream()}
		br := bufio.NewReaderSize(in, 4096)
		head, err := br.Peek(512)
		if err != nil && err != io.EOF {
			return nil, x.classify(err)
		}
		if err := checkSingle(f.Name, head); err != nil {
			return nil, err
		}
		if err := x.single(f.Name, br); err != nil {
			return nil, x.classify(err)
		}
	}
	return x.finish("files")
}

// single writes one uploaded .c/.h file under its base name.
func (x *extractor) single(name string, r io.Reader) error {
	base := baseName(name)
	x.current = name
	return x.writeFile(name, base, -1, &textOnly{r: r, name: name})
}

// baseName drops a directory part that a browser may send ("C:\src\a.c").
func baseName(name string) string {
	if i := strings.LastIndexAny(name, `/\`); i >= 0 {
		name = name[i+1:]
	}
	return name
}

// checkSingle checks that an uploaded file is a C source or header.
func checkSingle(name string, head []byte) error {
	if k := nameFormat(baseName(name)); k != "files" {
		return invalid(name, "not a .c or .h file")
	}
	if m := sniff(head); m != "" {
		return invalid(name, "named like a C file but the content is %s", magicWords[m])
	}
	return nil
}

// textOnly refuses content with NUL bytes: not C source.
type textOnly struct {
	r    io.Reader
	name string
}

func (t *textOnly) Read(p []byte) (int, error) {
	n, err := t.r.Read(p)
	for _, b := range p[:n] {
		if b == 0 {
			return n, invalid(t.name, "not a text file (it holds NUL bytes)")
		}
	}
	return n, err
}

// newExtractor checks dst and opens it as the root of every write.
func newExtractor(ctx context.Context, dst, upload string, lim Limits) (*extractor, error) {
	ents, err := os.ReadDir(dst)
	if err != nil {
		return nil, fmt.Errorf("extract: %w", err)
	}
	if len(ents) > 0 {
		return nil, fmt.Errorf("extract: %s is not empty", dst)
	}
	root, err := os.OpenRoot(dst)
	if err != nil {
		return nil, fmt.Errorf("extract: %w", err)
	}
	return &extractor{ctx: ctx, root: root, lim: lim, upload: upload,
		nodes: map[string]*node{}, folded: map[string]string{}, buf: make([]byte, 32<<10)}, nil
}

// humanSize writes n bytes the way limits are usually given.
func humanSize(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MiB", n>>20)
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%d KiB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}

// clean strips what archivers put before names ("./") and a directory's
// trailing slash; checkName judges the rest.
func clean(raw string) (name string, dir bool) {
	name = raw
	for strings.HasPrefix(name, "./") {
		name = name[2:]
	}
	if strings.HasSuffix(name, "/") {
		name, dir = strings.TrimSuffix(name, "/"), true
	}
	return name, dir
}
