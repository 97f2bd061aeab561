package extract

import (
	"archive/zip"
	"bytes"
	"errors"
	"io"
	"io/fs"
	"math"
	"os"
)

// zip spools the upload to a temporary file (archive/zip needs random
// access; the size cap applies while copying), checks the central
// directory's entry count, then unpacks entry by entry.
func (x *extractor) zip(r io.Reader) error {
	f, err := os.CreateTemp("", "ccan-upload-*.zip")
	if err != nil {
		return &writeError{err}
	}
	defer os.Remove(f.Name())
	defer f.Close()
	var sigs sigCounter
	size, err := io.Copy(io.MultiWriter(f, &sigs), r)
	if err != nil {
		var xe *Error
		var re *readError
		if errors.As(err, &xe) || errors.As(err, &re) || x.ctx.Err() != nil {
			return err
		}
		return &writeError{err}
	}
	// Every entry has a central directory header starting with
	// "PK\x01\x02": counting them bounds the entries (and the memory
	// zip.NewReader will take) before parsing.
	if sigs.n > x.lim.MaxFiles {
		return tooLarge(x.upload, "more than %d files and directories", x.lim.MaxFiles)
	}
	zr, err := zip.NewReader(f, size)
	if err != nil && !errors.Is(err, zip.ErrInsecurePath) { // checkName judges paths
		return invalid(x.upload, "not a valid zip archive: %v", err)
	}
	if len(zr.File) > x.lim.MaxFiles {
		return tooLarge(x.upload, "more than %d files and directories", x.lim.MaxFiles)
	}
	// all checks the ratio of everything unpacked to the whole archive
	// (entries may share compressed data); its reader is set per entry.
	all := &meter{in: func() int64 { return size }, ratio: x.lim.MaxRatio, limit: x.lim.maxStream(), what: "zip"}
	for _, zf := range zr.File {
		if err := x.zipEntry(zf, all); err != nil {
			return err
		}
	}
	return nil
}

// zipEntry writes one zip entry.
func (x *extractor) zipEntry(zf *zip.File, all *meter) error {
	raw := zf.Name
	x.current = raw
	mode := zf.Mode()
	switch {
	case zf.Flags&0x1 != 0:
		return invalid(raw, "encrypted entry")
	case mode&(fs.ModeDevice|fs.ModeCharDevice) != 0:
		return invalid(raw, "device file")
	case mode&fs.ModeNamedPipe != 0:
		return invalid(raw, "named pipe (fifo)")
	case mode&fs.ModeSocket != 0:
		return invalid(raw, "socket")
	case mode.IsDir():
		return x.dir(raw)
	}
	if _, dir := clean(raw); dir {
		return invalid(raw, "a file whose name ends in a slash")
	}
	rc, err := zf.Open()
	if errors.Is(err, zip.ErrAlgorithm) {
		return invalid(raw, "unsupported compression method %d", zf.Method)
	}
	if err != nil {
		return err
	}
	defer rc.Close()
	if mode&fs.ModeSymlink != 0 {
		target, err := io.ReadAll(io.LimitReader(rc, int64(x.lim.MaxNameLen)+1))
		if err != nil {
			return err
		}
		return x.symlink(raw, string(target))
	}
	declared := int64(math.MaxInt64)
	if zf.UncompressedSize64 < math.MaxInt64 {
		declared = int64(zf.UncompressedSize64)
	}
	compressed := int64(zf.CompressedSize64)
	all.r = &meter{r: rc, in: func() int64 { return compressed }, ratio: x.lim.MaxRatio,
		limit: x.lim.maxStream(), what: "zip"}
	name, _ := clean(raw)
	return x.writeFile(raw, name, declared, all)
}

// sigCounter counts the central directory header signatures written to
// it, also across writes.
type sigCounter struct {
	n    int
	tail []byte // the last 3 bytes seen
}

var centralSig = []byte("PK\x01\x02")

func (c *sigCounter) Write(p []byte) (int, error) {
	joined := append(c.tail, p[:min(len(p), 3)]...)
	c.n += bytes.Count(joined, centralSig) + bytes.Count(p, centralSig)
	if len(p) >= 3 {
		c.tail = append(c.tail[:0], p[len(p)-3:]...)
	} else {
		c.tail = append(c.tail, p...)
		c.tail = c.tail[max(0, len(c.tail)-3):]
	}
	return len(p), nil
}
