package browsertest

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/chromedp"

	"github.com/ccan-archive/ccan/internal/archive/archivetest"
)

var updateScreenshots = flag.Bool("update-screenshots", false, "rewrite docs/screenshots/*.png (also CCAN_SCREENSHOTS=1)")

// newBrowser starts a headless Chromium with a fresh profile and returns
// a context for one tab; the browser stops when the test ends.
func newBrowser(t *testing.T, exe string) context.Context {
	t.Helper()
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(exe),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("hide-scrollbars", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1280, 900),
	)
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(actx, chromedp.WithLogf(t.Logf))
	t.Cleanup(func() { cancel(); cancelAlloc() })
	// The first Run starts the browser; it must not carry a timeout.
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("starting %s: %v", exe, err)
	}
	return ctx
}

// step runs the actions with a timeout, failing t on error.
func step(t *testing.T, ctx context.Context, what string, actions ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	ctx, cancel := context.WithTimeout(ctx, 20*time.Second)
	defer cancel()
	if err := chromedp.Do(ctx, actions...); err != nil {
		t.Fatalf("%s: %v", what, err)
	}
}

// click clicks sel and waits for the page it loads.
func click(t *testing.T, ctx context.Context, sel string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(ctx, 20*time.Second)
	defer cancel()
	resp, err := chromedp.RunResponse(ctx, chromedp.Click(chromedp.CSS(sel)))
	if err != nil {
		t.Fatalf("clicking %s: %v", sel, err)
	}
	if resp.Status != 200 {
		t.Fatalf("clicking %s: %s: status %d", sel, resp.URL, resp.Status)
	}
}

// run runs one action that returns a value, failing t on error.
func run[T any](t *testing.T, ctx context.Context, a chromedp.Action[T]) T {
	t.Helper()
	ctx, cancel := context.WithTimeout(ctx, 20*time.Second)
	defer cancel()
	v, err := chromedp.Run(ctx, a)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func count(t *testing.T, ctx context.Context, sel string) int {
	t.Helper()
	return run(t, ctx, chromedp.Evaluate[int](`document.querySelectorAll(`+jsString(sel)+`).length`))
}

func jsString(s string) string {
	return "'" + strings.NewReplacer(`\`, `\\`, `'`, `\'`).Replace(s) + "'"
}

func wantPath(t *testing.T, ctx context.Context, base, path string) {
	t.Helper()
	if got := run(t, ctx, chromedp.Location()); got != base+path {
		t.Fatalf("at %s, want %s", got, base+path)
	}
}

// TestBrowse walks the site as a user would.
func TestBrowse(t *testing.T) {
	exe := chromiumPath(t)
	hs, st := startServer(t)
	ctx := newBrowser(t, exe)
	base := hs.URL
	lint, err := st.GetLint(context.Background(), "list", "")
	if err != nil {
		t.Fatal(err)
	}

	// Home, then a search from the box in the header.
	step(t, ctx, "opening home", chromedp.Navigate(base+"/"), chromedp.WaitVisible(chromedp.CSS("form.search input[name=q]")))
	if title := run(t, ctx, chromedp.Title()); !strings.Contains(title, "CCAN") {
		t.Errorf("home title = %q", title)
	}
	screenshot(t, ctx, "home.png", false)
	step(t, ctx, "typing a query", chromedp.SendKeys(chromedp.CSS("form.search input[name=q]"), "linked list"))
	click(t, ctx, "form.search button[type=submit]")
	if !strings.HasPrefix(run(t, ctx, chromedp.Location()), base+"/search?q=linked") {
		t.Fatalf("search went to %s", run(t, ctx, chromedp.Location()))
	}

	// The module page from the results: highlighted example, score table.
	click(t, ctx, `ol.results a[href="/m/list"]`)
	wantPath(t, ctx, base, "/m/list")
	step(t, ctx, "waiting for the example", chromedp.WaitVisible(chromedp.CSS("section.example .chroma")))
	if n := count(t, ctx, "section.example .chroma span[class]"); n < 20 {
		t.Errorf("example has %d highlighted tokens, want many", n)
	}
	if n := count(t, ctx, "section.lint table.lint tbody tr"); n != len(lint.Checks) {
		t.Errorf("score table has %d rows, want %d", n, len(lint.Checks))
	}
	if got, want := run(t, ctx, chromedp.Text(chromedp.CSS("section.lint .badge"))), fmt.Sprintf("%d/%d", lint.Score, lint.Total); got != want {
		t.Errorf("score badge = %q, want %q", got, want)
	}
	screenshot(t, ctx, "module.png", true)

	// A dependency, then back through its reverse dependency.
	click(t, ctx, `a.dep[href="/m/str"]`)
	wantPath(t, ctx, base, "/m/str")
	if h1 := run(t, ctx, chromedp.Text(chromedp.CSS("h1"))); !strings.HasPrefix(h1, "ccan/str") {
		t.Errorf("dependency page h1 = %q", h1)
	}
	click(t, ctx, `a.rdep[href="/m/list"]`)
	wantPath(t, ctx, base, "/m/list")

	// The with-deps tarball, downloaded by the browser, builds.
	tgz := download(t, ctx, `section.downloads a[href$="/list-with-deps.tar.gz"]`)
	buildTarball(t, hs.URL, tgz, "list")
}

// download clicks the link sel and returns the downloaded file's path.
func download(t *testing.T, ctx context.Context, sel string) string {
	t.Helper()
	dir := t.TempDir()
	ectx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	progress := chromedp.Events(ectx, browser.DownloadProgress)
	step(t, ctx, "downloading "+sel, chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
		_, err := chromedp.Call(ctx, browser.SetDownloadBehavior, browser.SetDownloadBehaviorParams{
			Behavior:      browser.SetDownloadBehaviorBehaviorAllowAndName,
			DownloadPath:  dir,
			EventsEnabled: new(true),
		})
		return err
	}), chromedp.Click(chromedp.CSS(sel)))
	for ev, err := range progress {
		if err != nil {
			t.Fatalf("waiting for the download: %v", err)
		}
		switch ev.State {
		case browser.DownloadProgressStateCompleted:
			return filepath.Join(dir, ev.GUID)
		case browser.DownloadProgressStateCanceled:
			t.Fatalf("download of %s canceled", sel)
		}
	}
	t.Fatalf("no download from %s", sel)
	return ""
}

// screenshot writes docs/screenshots/name when asked to; full takes the
// whole page rather than the viewport.
func screenshot(t *testing.T, ctx context.Context, name string, full bool) {
	t.Helper()
	if !*updateScreenshots && os.Getenv("CCAN_SCREENSHOTS") == "" {
		return
	}
	a := chromedp.CaptureScreenshot()
	if full {
		a = chromedp.FullScreenshot(100)
	}
	png := run(t, ctx, a)
	path := filepath.Join(archivetest.RepoRoot(), "docs", "screenshots", name)
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, png, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("wrote %s (%d bytes)", path, len(png))
}
