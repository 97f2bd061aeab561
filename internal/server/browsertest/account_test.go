package browsertest

import (
	"context"
	"log/slog"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/ccan-archive/ccan/internal/archive/archivetest"
	"github.com/ccan-archive/ccan/internal/auth"
	"github.com/ccan-archive/ccan/internal/server"
	"github.com/ccan-archive/ccan/internal/store"
	"github.com/ccan-archive/ccan/internal/store/storetest"
)

// startAccountsServer serves an archive with accounts on and one
// module, "mine" (versions 1 and 2), with no owner yet.
func startAccountsServer(t *testing.T) (*httptest.Server, store.Store) {
	t.Helper()
	st, bs := archivetest.Open(t)
	srv, err := server.New(server.Config{Store: st, Blobs: bs, Log: slog.New(slog.DiscardHandler), Accounts: st,
		Auth: server.AuthConfig{Password: auth.Params{Time: 1, Memory: 64, Threads: 1}}})
	if err != nil {
		t.Fatal(err)
	}
	hs := httptest.NewServer(srv)
	t.Cleanup(hs.Close)
	return hs, st
}

// submit clicks a form's button sel and waits for the page it leads to
// (after any redirect), which must be a success.
func submit(t *testing.T, ctx context.Context, sel string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(ctx, 20*time.Second)
	defer cancel()
	resp, err := chromedp.RunResponse(ctx, chromedp.Click(chromedp.CSS(sel)))
	if err != nil {
		t.Fatalf("submitting %s: %v", sel, err)
	}
	if resp.Status >= 300 {
		t.Fatalf("submitting %s: %s: status %d", sel, resp.URL, resp.Status)
	}
}

func text(t *testing.T, ctx context.Context, sel string) string {
	t.Helper()
	return run(t, ctx, chromedp.Text(chromedp.CSS(sel)))
}

// TestAccountFlow registers, creates an API token, yanks a version of an
// owned module and logs out, in a real browser without any script: the
// cookies, the form tokens and the cross-origin check must all let a
// same-site browser through.
func TestAccountFlow(t *testing.T) {
	exe := chromiumPath(t)
	hs, st := startAccountsServer(t)
	ctx := newBrowser(t, exe)
	base := hs.URL

	step(t, ctx, "opening register", chromedp.Navigate(base+"/"), chromedp.WaitVisible(chromedp.CSS(`header .user a[href="/register"]`)))
	click(t, ctx, `header .user a[href="/register"]`)
	step(t, ctx, "filling the form",
		chromedp.SendKeys(chromedp.CSS("input[name=name]"), "alice"),
		chromedp.SendKeys(chromedp.CSS("input[name=email]"), "alice@example.com"),
		chromedp.SendKeys(chromedp.CSS("input[name=password]"), "a long password"),
		chromedp.SendKeys(chromedp.CSS("input[name=password2]"), "a long password"))
	submit(t, ctx, "form.account button[type=submit]")
	wantPath(t, ctx, base, "/account")
	if got := text(t, ctx, "header .user a.username"); got != "alice" {
		t.Fatalf("header after registering shows %q, want alice", got)
	}

	// A token, shown once.
	step(t, ctx, "naming a token", chromedp.SendKeys(chromedp.CSS(`form[action="/account/tokens"] input[name=name]`), "laptop"))
	submit(t, ctx, `form[action="/account/tokens"] button[type=submit]`)
	tok := text(t, ctx, "#new-token")
	if !regexp.MustCompile(`^ccan_[a-z2-7]{60}$`).MatchString(tok) {
		t.Fatalf("new token %q", tok)
	}
	if n := count(t, ctx, "table.tokens tbody tr.token-active"); n != 1 {
		t.Errorf("%d active tokens listed, want 1", n)
	}
	screenshot(t, ctx, "account.png", false)
	step(t, ctx, "reloading /account", chromedp.Navigate(base+"/account"), chromedp.WaitVisible(chromedp.CSS("table.tokens")))
	if n := count(t, ctx, "#new-token"); n != 0 {
		t.Error("the token is shown again after a reload")
	}

	// alice publishes "mine" (as the upload pipeline would), then yanks
	// version 2 from its page.
	ctxb := context.Background()
	u, err := st.GetUser(ctxb, "alice")
	if err != nil {
		t.Fatal(err)
	}
	if err := st.ClaimModule(ctxb, "mine", u.ID); err != nil {
		t.Fatal(err)
	}
	for _, v := range []string{"1", "2"} {
		if err := st.InsertModuleVersion(ctxb, storetest.Module("mine", v)); err != nil {
			t.Fatal(err)
		}
	}
	step(t, ctx, "opening mine@2", chromedp.Navigate(base+"/m/mine@2"), chromedp.WaitVisible(chromedp.CSS("section.manage")))
	submit(t, ctx, "section.manage button[type=submit]")
	wantPath(t, ctx, base, "/m/mine@2")
	if !strings.Contains(text(t, ctx, "p.yanked-note"), "yanked") {
		t.Error("no yank note after yanking")
	}
	if mv, err := st.GetModule(ctxb, "mine", ""); err != nil || mv.Version != "1" {
		t.Errorf("latest after the yank = %v, %v; want 1", mv, err)
	}

	// Log out from the header.
	submit(t, ctx, "header form.logout button")
	wantPath(t, ctx, base, "/")
	if n := count(t, ctx, `header .user a[href="/login"]`); n != 1 {
		t.Error("no log-in link after logging out")
	}
}
