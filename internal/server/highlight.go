package server

import (
	"bytes"
	"html/template"
	"strings"
	"sync"

	"github.com/alecthomas/chroma/v2"
	chtml "github.com/alecthomas/chroma/v2/formatters/html"
	"github.com/alecthomas/chroma/v2/lexers"
	"github.com/alecthomas/chroma/v2/styles"
)

// maxHighlight is the largest source highlighted; bigger files are shown
// as plain text.
const maxHighlight = 256 << 10

// highlighter turns C source into HTML with CSS classes (see css), and
// caches results by content, since module pages are read far more often
// than they change.
type highlighter struct {
	lexer   chroma.Lexer
	plain   *chtml.Formatter
	lined   *chtml.Formatter
	mu      sync.Mutex
	cache   map[string]template.HTML
	maxKeys int
}

func newHighlighter() *highlighter {
	return &highlighter{
		lexer: chroma.Coalesce(lexers.Get("c")),
		plain: chtml.New(chtml.WithClasses(true), chtml.TabWidth(8)),
		lined: chtml.New(chtml.WithClasses(true), chtml.TabWidth(8), chtml.WithLineNumbers(true),
			chtml.LineNumbersInTable(true), chtml.WithLinkableLineNumbers(true, "L")),
		cache:   map[string]template.HTML{},
		maxKeys: 4096,
	}
}

// css returns the stylesheet for highlighted code.
func (h *highlighter) css() []byte {
	var buf bytes.Buffer
	h.plain.WriteCSS(&buf, styles.Get("github"))
	return buf.Bytes()
}

// isC reports whether a file name is C source (_info is C too).
func isC(name string) bool {
	base := name[strings.LastIndex(name, "/")+1:]
	return base == "_info" || strings.HasSuffix(base, ".c") || strings.HasSuffix(base, ".h")
}

// code highlights C source; with lines it adds linkable line numbers
// (#L12). Non-C or oversized text is escaped into a plain <pre>.
func (h *highlighter) code(src string, c, lines bool) template.HTML {
	if !c || len(src) > maxHighlight {
		return template.HTML(`<pre class="chroma plain">` + template.HTMLEscapeString(src) + `</pre>`)
	}
	key := string(rune('0'+btoi(lines))) + src
	h.mu.Lock()
	out, ok := h.cache[key]
	h.mu.Unlock()
	if ok {
		return out
	}
	f := h.plain
	if lines {
		f = h.lined
	}
	var buf bytes.Buffer
	it, err := h.lexer.Tokenise(nil, src)
	if err == nil {
		err = f.Format(&buf, styles.Get("github"), it)
	}
	if err != nil {
		return template.HTML(`<pre class="chroma plain">` + template.HTMLEscapeString(src) + `</pre>`)
	}
	out = template.HTML(buf.String())
	h.mu.Lock()
	if len(h.cache) >= h.maxKeys {
		clear(h.cache)
	}
	h.cache[key] = out
	h.mu.Unlock()
	return out
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}
