package export

import (
	"context"
	"errors"
	"net/url"
	"strings"

	"github.com/ccan-archive/ccan/internal/derrors"
	"github.com/ccan-archive/ccan/internal/store"
)

// Seeds lists the paths of an archive that no page links to, or that
// must be exported even if pages change: the JSON API, the package
// index, feeds, every version's page and every tarball, in every format.
func Seeds(ctx context.Context, r store.Reader) ([]string, error) {
	out := []string{"/modules", "/junkcode", "/feed.atom", "/api/modules", "/api/junkcode",
		"/api/counts", "/index/config.json"}
	dl := func(tb store.Tarball) string { return "/download/" + tb.SHA256 + "/" + url.PathEscape(tb.Name) }
	mods, err := r.ListModules(ctx)
	if err != nil {
		return nil, err
	}
	for _, m := range mods {
		n := escapeName(m.Name)
		out = append(out, "/m/"+n, "/m/"+n+"/-/feed.atom", "/index/"+n, "/api/module/"+n,
			"/api/versions/"+n, "/api/rdeps/"+n, "/api/lint/"+n)
		vs, err := r.Versions(ctx, m.Name)
		if err != nil {
			return nil, err
		}
		for _, v := range vs {
			out = append(out, "/m/"+n+"@"+url.PathEscape(v.Version))
			for _, tb := range v.Tarballs {
				out = append(out, dl(tb))
			}
		}
	}
	junk, err := r.ListJunk(ctx)
	if err != nil {
		return nil, err
	}
	for _, j := range junk {
		out = append(out, "/junkcode/"+url.PathEscape(j.Name), dl(j.Tarball))
		if j.TarballBz2 != nil {
			out = append(out, dl(*j.TarballBz2))
		}
	}
	for _, kind := range []string{store.TarballArchive, store.TarballArchiveBz2} {
		if tb, err := r.Archive(ctx, kind); err == nil {
			out = append(out, dl(*tb))
		} else if !errors.Is(err, derrors.NotFound) {
			return nil, err
		}
	}
	return out, nil
}

func escapeName(name string) string {
	parts := strings.Split(name, "/")
	for i, p := range parts {
		parts[i] = url.PathEscape(p)
	}
	return strings.Join(parts, "/")
}
