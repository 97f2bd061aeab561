package main

import (
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ccan-archive/ccan/internal/cli"
)

func TestServeTrustedProxyFlag(t *testing.T) {
	tests := []struct {
		args []string
		env  string // $CCAN_TRUSTED_PROXY
		want string // the ranges, or the error's text
	}{
		{nil, "", ""},
		{[]string{"--trusted-proxy", "127.0.0.0/8"}, "", "127.0.0.0/8"},
		{[]string{"--trusted-proxy", "127.0.0.0/8,::1", "--trusted-proxy=10.0.0.5"}, "", "127.0.0.0/8,::1/128,10.0.0.5/32"},
		{nil, "192.0.2.0/24, 2001:db8::/32", "192.0.2.0/24,2001:db8::/32"},
		{[]string{"--trusted-proxy", "10.0.0.0/8"}, "192.0.2.0/24", "10.0.0.0/8"}, // the flag wins
		{[]string{"--trusted-proxy", "nginx"}, "", `--trusted-proxy: bad trusted proxy address "nginx"`},
		{nil, "0.0.0.0/0", "$CCAN_TRUSTED_PROXY: trusted proxy range \"0.0.0.0/0\" holds every address"},
	}
	for _, tc := range tests {
		fs := flag.NewFlagSet("serve", flag.ContinueOnError)
		cmdServe.SetFlags(fs)
		if err := fs.Parse(tc.args); err != nil {
			t.Fatal(err)
		}
		env := &cli.Env{Flags: fs, Getenv: func(k string) string {
			if k == "CCAN_TRUSTED_PROXY" {
				return tc.env
			}
			return ""
		}}
		p, err := trustedProxies(env)
		got := p.String()
		if err != nil {
			got = err.Error()
			if ue := (*cli.UsageError)(nil); !errors.As(err, &ue) {
				t.Errorf("%v, $CCAN_TRUSTED_PROXY=%q: %v is not a usage error", tc.args, tc.env, err)
			}
		}
		if !strings.HasPrefix(got, tc.want) || tc.want == "" && got != "" {
			t.Errorf("%v, $CCAN_TRUSTED_PROXY=%q: got %q, want %q", tc.args, tc.env, got, tc.want)
		}
	}
}

// TestServeTrustedProxyUsage checks that a bad range stops serve with
// exit status 2 before it opens anything.
func TestServeTrustedProxyUsage(t *testing.T) {
	dir := t.TempDir()
	code, _, stderr := run(t, dir, "serve", "--data", filepath.Join(dir, "data"), "--addr", "127.0.0.1:0", "--trusted-proxy", "127.0.0.1/99")
	if code != 2 || !strings.Contains(stderr, `bad trusted proxy range "127.0.0.1/99"`) {
		t.Errorf("serve --trusted-proxy 127.0.0.1/99 = %d, stderr %q; want 2 naming the range", code, stderr)
	}
	if _, err := os.Stat(filepath.Join(dir, "data")); err == nil {
		t.Error("serve created its data directory before refusing the flag")
	}
}
