package server

import (
	"encoding/xml"
	"net/http"
	"time"

	"github.com/ccan-archive/ccan/internal/store"
)

// Atom (RFC 4287) elements, as much as the feeds use.
type atomFeed struct {
	XMLName xml.Name    `xml:"http://www.w3.org/2005/Atom feed"`
	Title   string      `xml:"title"`
	ID      string      `xml:"id"`
	Updated string      `xml:"updated"`
	Links   []atomLink  `xml:"link"`
	Author  atomAuthor  `xml:"author"`
	Entries []atomEntry `xml:"entry"`
}

type atomLink struct {
	Href string `xml:"href,attr"`
	Rel  string `xml:"rel,attr,omitempty"`
	Type string `xml:"type,attr,omitempty"`
}

type atomAuthor struct {
	Name string `xml:"name"`
}

type atomEntry struct {
	Title   string   `xml:"title"`
	ID      string   `xml:"id"`
	Updated string   `xml:"updated"`
	Link    atomLink `xml:"link"`
	Summary string   `xml:"summary"`
}

func (s *Server) serveFeed(w http.ResponseWriter, r *http.Request) error {
	vs, err := s.cfg.Store.RecentVersions(r.Context(), 50)
	if err != nil {
		return err
	}
	return s.writeFeed(w, r, "CCAN: new module versions", "/feed.atom", vs)
}

func (s *Server) serveModuleFeed(w http.ResponseWriter, r *http.Request, name string) error {
	vs, err := s.cfg.Store.Versions(r.Context(), name)
	if err != nil {
		return err
	}
	return s.writeFeed(w, r, "CCAN: ccan/"+name+" versions", "/m/"+name+"/-/feed.atom", vs)
}

func (s *Server) writeFeed(w http.ResponseWriter, r *http.Request, title, self string, vs []*store.VersionSummary) error {
	base := s.baseURL(r)
	f := atomFeed{
		Title: title, ID: base + self, Updated: time.Unix(0, 0).UTC().Format(time.RFC3339),
		Links:  []atomLink{{Href: base + self, Rel: "self", Type: "application/atom+xml"}, {Href: base + "/"}},
		Author: atomAuthor{Name: "CCAN"},
	}
	for _, v := range vs {
		updated := v.Created.UTC().Format(time.RFC3339)
		if updated > f.Updated {
			f.Updated = updated
		}
		u := base + "/m/" + v.Name + "@" + v.Version
		f.Entries = append(f.Entries, atomEntry{
			Title: "ccan/" + v.Name + " " + v.Version, ID: u, Updated: updated,
			Link: atomLink{Href: u}, Summary: v.Summary,
		})
	}
	b, err := xml.MarshalIndent(f, "", "  ")
	if err != nil {
		return err
	}
	return writeBody(w, r, append([]byte(xml.Header), b...), "application/atom+xml; charset=utf-8")
}
