package fetch

import (
	"errors"
	"strings"
	"testing"

	"github.com/ccan-archive/ccan/internal/derrors"
)

const sha = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"

func line(name, vers, extra string) string {
	return `{"name":"` + name + `","vers":"` + vers + `","deps":["ccan/str"],"external":[],` +
		`"tarball":{"kind":"module","name":"x.tar.gz","sha256":"` + sha + `","size":10}` + extra + "}\n"
}

func TestParseIndex(t *testing.T) {
	good := line("str/hex", "1.0", "") + "\n" + line("str/hex", "1.1", `,"yanked":true`)
	es, err := ParseIndex("str/hex", []byte(good))
	if err != nil {
		t.Fatal(err)
	}
	if len(es) != 2 || es[0].Version != "1.0" || !es[1].Yanked || es[0].DepNames()[0] != "str" {
		t.Errorf("ParseIndex = %+v", es)
	}
	bad := []struct{ name, data, want string }{
		{"empty", "", "no versions"},
		{"not json", "{", "line 1"},
		{"other module", line("list", "1.0", ""), "entry for"},
		{"bad version", line("str/hex", "1 0", ""), "version"},
		{"twice", line("str/hex", "1.0", "") + line("str/hex", "1.0", ""), "twice"},
		{"dep without prefix", strings.Replace(line("str/hex", "1.0", ""), `"ccan/str"`, `"str"`, 1), "prefix"},
		{"bad sha", strings.Replace(line("str/hex", "1.0", ""), sha, "xyz", 1), "SHA-256"},
		{"slash in name", strings.Replace(line("str/hex", "1.0", ""), "x.tar.gz", "../x.tar.gz", 1), "tarball name"},
		{"no tarball", `{"name":"str/hex","vers":"1.0"}`, "no tarball"},
		{"zero size", strings.Replace(line("str/hex", "1.0", ""), `"size":10`, `"size":0`, 1), "size"},
	}
	for _, tc := range bad {
		_, err := ParseIndex("str/hex", []byte(tc.data))
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: err = %v, want one mentioning %q", tc.name, err, tc.want)
		}
	}
}

func TestPick(t *testing.T) {
	es, err := ParseIndex("list", []byte(line("list", "1.0", "")+line("list", "1.1", "")+line("list", "1.2", `,"yanked":true`)))
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ ask, want string }{{"", "1.1"}, {"1.2", "1.2"}, {"1.0", "1.0"}} {
		e, err := Pick(es, tc.ask)
		if err != nil || e.Version != tc.want {
			t.Errorf("Pick(%q) = %v, %v; want %s", tc.ask, e, err, tc.want)
		}
	}
	if _, err := Pick(es, "9.9"); !errors.Is(err, derrors.NotFound) {
		t.Errorf("Pick(9.9) = %v, want NotFound", err)
	}
	for _, e := range es {
		e.Yanked = true
	}
	if _, err := Pick(es, ""); err == nil || !strings.Contains(err.Error(), "yanked") {
		t.Errorf("Pick with all yanked = %v", err)
	}
}

func TestParseWant(t *testing.T) {
	for _, tc := range []struct{ arg, name, vers string }{
		{"list", "list", ""}, {"ccan/str/hex", "str/hex", ""}, {"list@1.2", "list", "1.2"},
	} {
		w, err := ParseWant(tc.arg)
		if err != nil || w.Name != tc.name || w.Version != tc.vers {
			t.Errorf("ParseWant(%q) = %+v, %v", tc.arg, w, err)
		}
	}
	for _, arg := range []string{"", "a/b/c", "../x", "list@", "list@a b"} {
		if _, err := ParseWant(arg); err == nil {
			t.Errorf("ParseWant(%q): no error", arg)
		}
	}
}

func FuzzParseIndex(f *testing.F) {
	f.Add([]byte(line("list", "1.0", "")))
	f.Add([]byte(line("list", "1.0", `,"yanked":true`) + line("list", "2", "")))
	f.Add([]byte("{}\n\n{\"name\":1}"))
	f.Fuzz(func(t *testing.T, b []byte) {
		es, err := ParseIndex("list", b)
		if err != nil {
			return
		}
		for _, e := range es {
			if e.Name != "list" || e.Tarball == nil || e.Tarball.Check() != nil {
				t.Fatalf("accepted a bad entry %+v", e)
			}
		}
		if _, err := Pick(es, ""); err != nil && !strings.Contains(err.Error(), "yanked") {
			t.Fatalf("Pick: %v", err)
		}
	})
}
