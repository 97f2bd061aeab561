package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/ccan-archive/ccan/internal/archive"
	"github.com/ccan-archive/ccan/internal/cli"
)

var cmdPublish = &cli.Command{
	UsageLine: "publish [--archive URL] [--wait] [--json] [DIR]",
	Short:     "upload a module to the archive",
	Long: `
Publish uploads the module in DIR (default: the current directory; a
module directory ccan/NAME of a CCAN tree) to the archive's upload
pipeline and prints the upload's id and status page. The upload holds
the module's files under ccan/NAME/ and the license texts its LICENSE
link points to, packed deterministically as the archive stores them
(hidden files, build products and nested modules are left out).

The archive checks it in a sandbox: a module with a valid _info, tests
and every compulsory lint check passing is published as a new version
(its _info Version: section, else a date-based version); anything else
goes to the junkcode area with the lint report; an upload of a name
someone else owns, or of an existing version with other content, is
rejected.

--wait follows the upload (queued, extracting, checking, then published,
junkcode or rejected), printing the lint log as it grows; publish then
exits 0 when the module was published and 1 otherwise. --json prints the
upload's record (the final one with --wait) as JSON instead.

The archive is an http(s) URL of "ccan serve": --archive, else
$CCAN_ARCHIVE, else "archive" in the config file. The API token (create
one with the publish scope on your account page) is $CCAN_TOKEN, else
"token" in the config file. The config file is $CCAN_CONFIG, else
<user config dir>/ccan/config.json (e.g. ~/.config/ccan/config.json):

    {"archive": "https://ccan.example.org", "token": "ccan_..."}

Keep that file private (chmod 600): the token can publish as you.
`,
	SetFlags: func(fs *flag.FlagSet) {
		archiveFlag(fs)
		fs.Bool("wait", false, "follow the upload until it is published, junkcode or rejected")
		fs.Bool("json", false, "print the upload record as JSON")
		fs.Duration("timeout", 30*time.Minute, "with --wait: give up following after this long")
	},
	Run: runPublish,
}

// uploadRecord is the server's answer about an upload (docs/api.md).
type uploadRecord struct {
	ID        int64  `json:"id"`
	Status    string `json:"status"`
	Reason    string `json:"reason"`
	Module    string `json:"module"`
	Version   string `json:"version"`
	Junk      string `json:"junk"`
	Log       string `json:"log"`
	Final     bool   `json:"final"`
	StatusURL string `json:"status_url"`
	HTMLURL   string `json:"html_url"`
	ModuleURL string `json:"module_url"`
	JunkURL   string `json:"junk_url"`
	raw       json.RawMessage
}

func runPublish(ctx context.Context, env *cli.Env, args []string) error {
	if len(args) > 1 {
		return cli.UsageErrorf("publish takes at most one DIR")
	}
	dir := "."
	if len(args) == 1 {
		dir = args[0]
	}
	t, name, err := resolveModule(env, dir)
	if err != nil {
		return err
	}
	base, err := publishArchive(env)
	if err != nil {
		return err
	}
	token, err := publishToken(env)
	if err != nil {
		return err
	}
	data, warns, err := archive.PackModule(t, name)
	if err != nil {
		return err
	}
	for _, w := range warns {
		fmt.Fprintf(env.Stderr, "ccan publish: warning: %s\n", w)
	}
	c := &publishClient{base: base, token: token, http: &http.Client{Timeout: 5 * time.Minute}}
	file := strings.ReplaceAll(name, "/", "-") + ".tar.gz"
	rec, err := c.upload(ctx, file, data)
	if err != nil {
		return err
	}
	if !env.Bool("json") {
		fmt.Fprintf(env.Stdout, "uploaded ccan/%s (%d bytes) as upload %d: %s\nstatus: %s\n", name, len(data), rec.ID, rec.HTMLURL, rec.StatusURL)
	}
	if !env.Bool("wait") {
		if env.Bool("json") {
			return writeRaw(env.Stdout, rec.raw)
		}
		return nil
	}
	wctx, cancel := context.WithTimeout(ctx, env.Flags.Lookup("timeout").Value.(flag.Getter).Get().(time.Duration))
	defer cancel()
	var logOut io.Writer = env.Stdout
	if env.Bool("json") {
		logOut = io.Discard
	}
	rec, err = c.follow(wctx, rec, logOut)
	if err != nil {
		return err
	}
	if env.Bool("json") {
		if err := writeRaw(env.Stdout, rec.raw); err != nil {
			return err
		}
	} else {
		printOutcome(env.Stdout, rec)
	}
	if rec.Status != "published" {
		return &cli.ExitError{Code: cli.ExitFailure}
	}
	return nil
}

func printOutcome(w io.Writer, rec *uploadRecord) {
	switch rec.Status {
	case "published":
		fmt.Fprintf(w, "published ccan/%s %s: %s\n", rec.Module, rec.Version, rec.ModuleURL)
		if rec.Reason != "" {
			fmt.Fprintf(w, "(%s)\n", rec.Reason)
		}
	case "junkcode":
		fmt.Fprintf(w, "not published, stored as junkcode %s: %s\nreason: %s\n", rec.Junk, rec.JunkURL, rec.Reason)
	default:
		fmt.Fprintf(w, "%s: %s\n", rec.Status, rec.Reason)
	}
}

func writeRaw(w io.Writer, raw json.RawMessage) error {
	var buf bytes.Buffer
	if err := json.Indent(&buf, raw, "", "  "); err != nil {
		return err
	}
	buf.WriteByte('\n')
	_, err := w.Write(buf.Bytes())
	return err
}

// publishArchive is the archive's base URL; it must be http(s).
func publishArchive(env *cli.Env) (string, error) {
	spec, err := archiveSpec(env, nil)
	if err != nil {
		return "", err
	}
	u, err := url.Parse(spec)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return "", fmt.Errorf("archive %q: publishing needs the http(s) URL of a ccan serve site", spec)
	}
	return strings.TrimSuffix(spec, "/"), nil
}

// publishToken is $CCAN_TOKEN, else "token" in the config file.
func publishToken(env *cli.Env) (string, error) {
	if tok := strings.TrimSpace(env.Getenv("CCAN_TOKEN")); tok != "" {
		return tok, nil
	}
	path := env.Getenv("CCAN_CONFIG")
	if path == "" {
		if d, err := os.UserConfigDir(); err == nil {
			path = filepath.Join(d, "ccan", "config.json")
		}
	}
	b, err := os.ReadFile(path)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return "", err
	}
	if err == nil {
		var cfg struct {
			Token string `json:"token"`
		}
		if err := json.Unmarshal(b, &cfg); err != nil {
			return "", fmt.Errorf("%s: %v", path, err)
		}
		if cfg.Token != "" {
			return cfg.Token, nil
		}
	}
	return "", fmt.Errorf(`no API token: create one with the publish scope on your account page, then set $CCAN_TOKEN or put {"token": "..."} in %s`, path)
}

// publishClient talks to the upload API.
type publishClient struct {
	base, token string
	http        *http.Client
}

func (c *publishClient) do(req *http.Request) (*uploadRecord, error) {
	req.Header.Set("Authorization", "Bearer "+c.token)
	req.Header.Set("Accept", "application/json")
	resp, err := c.http.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, 8<<20))
	if err != nil {
		return nil, err
	}
	if resp.StatusCode/100 != 2 {
		var e struct {
			Error string `json:"error"`
		}
		if json.Unmarshal(body, &e) == nil && e.Error != "" {
			return nil, fmt.Errorf("%s: %s (%s)", req.URL.Redacted(), e.Error, resp.Status)
		}
		return nil, fmt.Errorf("%s: %s", req.URL.Redacted(), resp.Status)
	}
	rec := &uploadRecord{raw: body}
	if err := json.Unmarshal(body, rec); err != nil {
		return nil, fmt.Errorf("%s: bad answer: %v", req.URL.Redacted(), err)
	}
	return rec, nil
}

func (c *publishClient) upload(ctx context.Context, file string, data []byte) (*uploadRecord, error) {
	req, err := http.NewRequestWithContext(ctx, "POST", c.base+"/api/upload?filename="+url.QueryEscape(file), bytes.NewReader(data))
	if err != nil {
		return nil, err
	}
	req.Header.Set("Content-Type", "application/gzip")
	return c.do(req)
}

// follow polls the upload until it is final, writing the log's new
// text to w as it grows.
func (c *publishClient) follow(ctx context.Context, rec *uploadRecord, w io.Writer) (*uploadRecord, error) {
	printed, status := "", ""
	delay := 500 * time.Millisecond
	for {
		switch {
		case strings.HasPrefix(rec.Log, printed):
			io.WriteString(w, rec.Log[len(printed):])
		default: // the check started over
			io.WriteString(w, "[restarted]\n"+rec.Log)
		}
		printed = rec.Log
		if rec.Status != status {
			fmt.Fprintf(w, "[%s]\n", rec.Status)
			status = rec.Status
		}
		if rec.Final {
			return rec, nil
		}
		select {
		case <-ctx.Done():
			return nil, fmt.Errorf("stopped following upload %d (still %s; see %s): %w", rec.ID, rec.Status, rec.HTMLURL, ctx.Err())
		case <-time.After(delay):
		}
		delay = min(delay*2, 3*time.Second)
		req, err := http.NewRequestWithContext(ctx, "GET", rec.StatusURL, nil)
		if err != nil {
			return nil, err
		}
		next, err := c.do(req)
		if err != nil {
			return nil, err
		}
		rec = next
	}
}
