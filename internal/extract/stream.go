package extract

import (
	"context"
	"fmt"
	"io"

	"github.com/ccan-archive/ccan/internal/derrors"
)

// input counts the bytes read from the upload, refuses more than limit
// and watches the context.
type input struct {
	ctx   context.Context
	r     io.Reader
	n     int64
	limit int64
}

// readError is a failure of the upload's reader (a dropped connection),
// not of its content.
type readError struct{ err error }

func (e *readError) Error() string { return e.err.Error() }

func (in *input) Read(p []byte) (int, error) {
	if err := in.ctx.Err(); err != nil {
		return 0, err
	}
	n, err := in.r.Read(p)
	in.n += int64(n)
	if in.n > in.limit {
		return n, tooLarge("", "upload larger than %s", humanSize(in.limit))
	}
	if err != nil && err != io.EOF {
		err = &readError{err}
	}
	return n, err
}

func (in *input) count() int64 { return in.n }

// ratioSlack is how many bytes a stream may inflate to before the
// compression ratio is checked: small files of zeros compress very well.
const ratioSlack = 1 << 20

// meter counts the bytes coming out of a decompressor and stops the
// stream when they pass limit or more than ratio times the compressed
// bytes behind them (in).
type meter struct {
	r     io.Reader
	n     int64
	in    func() int64
	ratio float64
	limit int64
	what  string // "gzip", "zip" ... for messages
}

func (m *meter) Read(p []byte) (int, error) {
	n, err := m.r.Read(p)
	m.n += int64(n)
	if m.n > m.limit {
		return n, tooLarge("", "archive unpacks to more than %s", humanSize(m.limit))
	}
	if m.in != nil && m.n > ratioSlack && float64(m.n) > m.ratio*float64(max(m.in(), 1)) {
		return n, &Error{Reason: fmt.Sprintf("%s data inflates more than %g times (a compression bomb?)", m.what, m.ratio),
			Kind: derrors.TooLarge}
	}
	return n, err
}
