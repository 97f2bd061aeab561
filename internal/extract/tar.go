package extract

import (
	"archive/tar"
	"bufio"
	"errors"
	"io"
)

// tarStream unpacks a tar stream coming out of a decompressor named
// what ("" for a plain tar); in counts the compressed bytes behind it
// (nil: not compressed, no ratio to check).
func (x *extractor) tarStream(r io.Reader, what string, in func() int64) error {
	m := &meter{r: r, in: in, ratio: x.lim.MaxRatio, limit: x.lim.maxStream(), what: what}
	br := bufio.NewReaderSize(m, 4096)
	if what != "" {
		head, err := br.Peek(512)
		if err != nil && err != io.EOF {
			return err
		}
		if !isTar(head) {
			return invalid(x.upload, "the %s data does not hold a tar archive", what)
		}
	}
	tr := tar.NewReader(br)
	for {
		x.current = ""
		hdr, err := tr.Next()
		if err == io.EOF {
			return nil
		}
		if err != nil && !errors.Is(err, tar.ErrInsecurePath) { // checkName judges paths
			return err
		}
		if err := x.tarEntry(tr, hdr); err != nil {
			return err
		}
	}
}

// tarEntry writes one tar entry.
func (x *extractor) tarEntry(tr *tar.Reader, hdr *tar.Header) error {
	raw := hdr.Name
	x.current = raw
	switch hdr.Typeflag {
	case tar.TypeDir:
		return x.dir(raw)
	case tar.TypeReg:
		name, dir := clean(raw)
		if dir {
			return invalid(raw, "a file whose name ends in a slash")
		}
		return x.writeFile(raw, name, hdr.Size, tr)
	case tar.TypeSymlink:
		return x.symlink(raw, hdr.Linkname)
	case tar.TypeLink:
		return x.hardlink(raw, hdr.Linkname)
	case tar.TypeXGlobalHeader:
		return nil // archive-wide PAX records: nothing to write
	case tar.TypeChar, tar.TypeBlock:
		return invalid(raw, "device file")
	case tar.TypeFifo:
		return invalid(raw, "named pipe (fifo)")
	case tar.TypeGNUSparse:
		return invalid(raw, "sparse file")
	}
	return invalid(raw, "unsupported tar entry type %q", hdr.Typeflag)
}
