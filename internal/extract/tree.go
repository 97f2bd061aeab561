package extract

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"sort"
	"strings"
	"syscall"
)

// kind is what a name in the extracted tree is.
type kind uint8

const (
	kindDir kind = iota + 1
	kindFile
	kindLink
)

// node is one name of the extracted tree.
type node struct {
	kind   kind
	raw    string // the name as the upload gives it, for messages
	size   int64  // a file's bytes
	target string // a symlink's target
}

// extractor writes one upload below root, keeping the tree it has
// written so far in nodes (keyed by cleaned names) to check each new
// entry against.
type extractor struct {
	ctx      context.Context
	root     *os.Root
	lim      Limits
	upload   string            // the upload's name, for errors about the whole upload
	current  string            // the entry being written, for errors found while reading it
	nodes    map[string]*node  // every name written or pending (symlinks)
	folded   map[string]string // lower-cased name -> name, for case-only duplicates
	total    int64             // bytes written
	warnings []string
	buf      []byte
}

func (x *extractor) close() { x.root.Close() }

// writeError is a failure of the local disk, not of the upload.
type writeError struct{ err error }

func (e *writeError) Error() string { return "extract: " + e.err.Error() }
func (e *writeError) Unwrap() error { return e.err }

// classify turns an error met while extracting into what Extract
// returns: *Error for problems with the upload (naming the entry being
// read when the error does not), the context's error, or a plain error
// for the disk and the upload's reader.
func (x *extractor) classify(err error) error {
	if err == nil {
		return nil
	}
	if cerr := x.ctx.Err(); cerr != nil {
		return cerr
	}
	entry := x.current
	if entry == "" {
		entry = x.upload
	}
	var xe *Error
	var we *writeError
	var re *readError
	switch {
	case errors.As(err, &xe):
		if xe.Entry == "" {
			xe.Entry = entry
		}
		return xe
	case errors.As(err, &we):
		return we
	case errors.As(err, &re):
		return fmt.Errorf("extract: reading the upload: %w", re.err)
	case errors.Is(err, io.ErrUnexpectedEOF):
		return invalid(entry, "the archive is cut short")
	}
	return invalid(entry, "damaged archive: %v", err)
}

// add records name (cleaned from raw) as a new node of kind k, creating
// its parent directories (and the directory itself for kindDir).
func (x *extractor) add(raw, name string, k kind) (*node, error) {
	if err := x.ctx.Err(); err != nil {
		return nil, err
	}
	if err := checkName(raw, name, x.lim); err != nil {
		return nil, err
	}
	parts := strings.Split(name, "/")
	for i := 1; i < len(parts); i++ {
		dir := strings.Join(parts[:i], "/")
		switch n := x.nodes[dir]; {
		case n == nil:
			if _, err := x.record(raw, dir, kindDir); err != nil {
				return nil, err
			}
		case n.kind != kindDir:
			return nil, invalid(raw, "path goes through the %s %q", describeKind(n.kind), dir)
		}
	}
	if n := x.nodes[name]; n != nil {
		if n.kind == kindDir && k == kindDir {
			return n, nil
		}
		return nil, invalid(raw, "duplicate name: the upload already has a %s there", describeKind(n.kind))
	}
	return x.record(raw, name, k)
}

// record adds one node after the count and case checks, creating it
// when it is a directory.
func (x *extractor) record(raw, name string, k kind) (*node, error) {
	if len(x.nodes) >= x.lim.MaxFiles {
		return nil, tooLarge(raw, "more than %d files and directories", x.lim.MaxFiles)
	}
	f := strings.ToLower(name)
	if other, ok := x.folded[f]; ok {
		return nil, invalid(raw, "name differs only in letter case from %q", other)
	}
	if k == kindDir {
		if err := x.root.Mkdir(name, 0o755); err != nil {
			return nil, &writeError{err}
		}
		if err := x.root.Chmod(name, 0o755); err != nil {
			return nil, &writeError{err}
		}
	}
	n := &node{kind: k, raw: raw}
	x.nodes[name], x.folded[f] = n, name
	return n, nil
}

// dir records a directory entry.
func (x *extractor) dir(raw string) error {
	x.current = raw
	name, _ := clean(raw)
	if name == "" || name == "." {
		return nil // the root itself ("./")
	}
	_, err := x.add(raw, name, kindDir)
	return err
}

// writeFile writes r as the file name (cleaned from raw). size is the
// size the archive declares, or -1; caps are checked against it first
// and against the bytes as they stream in.
func (x *extractor) writeFile(raw, name string, size int64, r io.Reader) error {
	x.current = raw
	if size > x.lim.MaxFileSize {
		return tooLarge(raw, "file larger than %s", humanSize(x.lim.MaxFileSize))
	}
	if size > 0 && x.total+size > x.lim.MaxTotal {
		return tooLarge(raw, "upload unpacks to more than %s", humanSize(x.lim.MaxTotal))
	}
	n, err := x.add(raw, name, kindFile)
	if err != nil {
		return err
	}
	f, err := x.root.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL|syscall.O_NOFOLLOW, 0o644)
	if err != nil {
		return &writeError{err}
	}
	err = x.copy(raw, f, n, r)
	if cerr := f.Close(); err == nil && cerr != nil {
		err = &writeError{cerr}
	}
	return err
}

// copy streams r into f, stopping as soon as a cap is passed.
func (x *extractor) copy(raw string, f *os.File, n *node, r io.Reader) error {
	if err := f.Chmod(0o644); err != nil { // whatever the umask says
		return &writeError{err}
	}
	for {
		if err := x.ctx.Err(); err != nil {
			return err
		}
		nr, rerr := r.Read(x.buf)
		if nr > 0 {
			n.size += int64(nr)
			x.total += int64(nr)
			if n.size > x.lim.MaxFileSize {
				return tooLarge(raw, "file larger than %s", humanSize(x.lim.MaxFileSize))
			}
			if x.total > x.lim.MaxTotal {
				return tooLarge(raw, "upload unpacks to more than %s", humanSize(x.lim.MaxTotal))
			}
			if _, err := f.Write(x.buf[:nr]); err != nil {
				return &writeError{err}
			}
		}
		if rerr == io.EOF {
			return nil
		}
		if rerr != nil {
			return rerr
		}
	}
}

// symlink records a symlink; it is created by finish, after every other
// entry, if it stays inside the tree.
func (x *extractor) symlink(raw, target string) error {
	x.current = raw
	name, _ := clean(raw)
	if err := checkTarget(raw, target, x.lim); err != nil {
		return err
	}
	n, err := x.add(raw, name, kindLink)
	if err != nil {
		return err
	}
	n.target = target
	return nil
}

// hardlink writes a copy of target, which must be a regular file
// written earlier.
func (x *extractor) hardlink(raw, target string) error {
	x.current = raw
	name, _ := clean(raw)
	tname, _ := clean(target)
	if err := checkChars(raw, target, "hard link target"); err != nil {
		return err
	}
	if strings.HasPrefix(tname, "/") || escapes(tname) {
		return invalid(raw, "hard link to %q, outside the upload", target)
	}
	t := x.nodes[tname]
	if t == nil || t.kind != kindFile {
		return invalid(raw, "hard link to %q, which is not a file earlier in the upload", target)
	}
	src, err := x.root.Open(tname)
	if err != nil {
		return &writeError{err}
	}
	defer src.Close()
	return x.writeFile(raw, name, t.size, src)
}

// finish strips a common top-level directory, creates the symlinks that
// stay inside the tree and lists what was written.
func (x *extractor) finish(format string) (*Result, error) {
	x.current = ""
	res := &Result{Format: format}
	files := 0
	for _, n := range x.nodes {
		if n.kind != kindDir {
			files++
		}
	}
	if files == 0 {
		return nil, invalid(x.upload, "the upload holds no files")
	}
	root, err := x.strip()
	if err != nil {
		return nil, err
	}
	res.Root = root
	if err := x.links(); err != nil {
		return nil, err
	}
	res.Warnings = x.warnings
	for name, n := range x.nodes {
		switch n.kind {
		case kindFile:
			res.Files = append(res.Files, File{Path: name, Size: n.size, Mode: 0o644})
		case kindLink:
			res.Files = append(res.Files, File{Path: name, Mode: fs.ModeSymlink | 0o777, Link: n.target})
		}
	}
	sort.Slice(res.Files, func(i, j int) bool { return res.Files[i].Path < res.Files[j].Path })
	return res, nil
}

// strip moves the contents of the only top-level directory up, when
// there is one and nothing else at the top, and renames the nodes.
func (x *extractor) strip() (string, error) {
	var top string
	for name := range x.nodes {
		if !strings.Contains(name, "/") {
			if top != "" {
				return "", nil
			}
			top = name
		}
	}
	if x.nodes[top].kind != kindDir {
		return "", nil
	}
	prefix := top + "/"
	children := map[string]bool{}
	renamed := map[string]*node{}
	for name, n := range x.nodes {
		if rest, ok := strings.CutPrefix(name, prefix); ok {
			renamed[rest] = n
			if !strings.Contains(rest, "/") {
				children[rest] = n.kind != kindLink // symlinks are not on disk yet
			}
		}
	}
	tmp := ".extract-strip"
	for _, taken := children[tmp]; taken; _, taken = children[tmp] {
		tmp += "_"
	}
	if err := x.root.Rename(top, tmp); err != nil {
		return "", &writeError{err}
	}
	for c, onDisk := range children {
		if !onDisk {
			continue
		}
		if err := x.root.Rename(tmp+"/"+c, c); err != nil {
			return "", &writeError{err}
		}
	}
	if err := x.root.Remove(tmp); err != nil {
		return "", &writeError{err}
	}
	x.nodes = renamed
	return top, nil
}

// links creates the recorded symlinks that resolve inside the tree and
// drops the others with a warning.
func (x *extractor) links() error {
	var names []string
	for name, n := range x.nodes {
		if n.kind == kindLink {
			names = append(names, name)
		}
	}
	sort.Strings(names)
	var drop []string
	for _, name := range names {
		n := x.nodes[name]
		if why := x.resolve(name, n.target); why != "" {
			x.warnings = append(x.warnings, fmt.Sprintf("%q: symlink to %q %s; left out", n.raw, n.target, why))
			drop = append(drop, name)
			continue
		}
		if err := x.root.Symlink(n.target, name); err != nil {
			return &writeError{err}
		}
	}
	for _, name := range drop {
		delete(x.nodes, name)
	}
	return nil
}

// maxHops is how many symlinks one resolution may follow (Linux: 40).
const maxHops = 40

// resolve follows the symlink name -> target through the tree the way
// the kernel would: component by component from the link's directory,
// ".." going up from wherever the walk is, symlinks met on the way
// followed. It returns why the link is unusable ("leaves the upload",
// "loops"), or "" when it stays inside the tree.
func (x *extractor) resolve(name, target string) string {
	dir := strings.Split(name, "/")
	hops := 0
	if _, ok := x.walk(dir[:len(dir)-1], target, &hops); !ok {
		if hops > maxHops {
			return "loops"
		}
		return "leaves the upload"
	}
	return ""
}

// walk resolves target from the directory cur (a list of components)
// and reports where it ends and whether it stayed inside the tree.
func (x *extractor) walk(cur []string, target string, hops *int) ([]string, bool) {
	for _, c := range strings.Split(target, "/") {
		switch c {
		case "", ".":
			continue
		case "..":
			if len(cur) == 0 {
				return nil, false
			}
			cur = cur[:len(cur)-1]
			continue
		}
		cur = append(cur[:len(cur):len(cur)], c)
		n := x.nodes[strings.Join(cur, "/")]
		if n == nil || n.kind != kindLink {
			continue
		}
		if *hops++; *hops > maxHops {
			return nil, false
		}
		var ok bool
		if cur, ok = x.walk(cur[:len(cur)-1], n.target, hops); !ok {
			return nil, false
		}
	}
	return cur, true
}
