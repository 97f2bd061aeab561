package clientip

import (
	"net/http/httptest"
	"net/netip"
	"strings"
	"testing"
)

func mustParse(t testing.TB, values ...string) Proxies {
	t.Helper()
	p, err := ParseProxies(values...)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func TestResolve(t *testing.T) {
	proxies := mustParse(t, "127.0.0.0/8, 10.0.0.0/8", "2001:db8:ffff::/48", "192.0.2.7")
	tests := []struct {
		name string
		p    Proxies
		peer string
		xff  []string
		want string // "" when !ok
	}{
		// No trusted proxies: the header is ignored.
		{"none", Proxies{}, "203.0.113.5:4000", []string{"198.51.100.1"}, "203.0.113.5"},
		{"none, proxy-looking peer", Proxies{}, "127.0.0.1:4000", []string{"198.51.100.1"}, "127.0.0.1"},
		// An untrusted peer's header is ignored.
		{"untrusted peer", proxies, "203.0.113.5:4000", []string{"198.51.100.1"}, "203.0.113.5"},
		{"untrusted IPv6 peer", proxies, "[2001:db8:1::5]:4000", []string{"198.51.100.1"}, "2001:db8:1::5"},
		// A trusted peer: the rightmost untrusted hop.
		{"one proxy", proxies, "127.0.0.1:4000", []string{"198.51.100.1"}, "198.51.100.1"},
		{"no header", proxies, "127.0.0.1:4000", nil, "127.0.0.1"},
		{"empty header", proxies, "127.0.0.1:4000", []string{""}, "127.0.0.1"},
		{"single trusted address", proxies, "192.0.2.7:1", []string{"198.51.100.1"}, "198.51.100.1"},
		{"neighbour of the single address", proxies, "192.0.2.8:1", []string{"198.51.100.1"}, "192.0.2.8"},
		{"two proxies", proxies, "127.0.0.1:4000", []string{"198.51.100.1, 10.1.2.3"}, "198.51.100.1"},
		{"three proxies, no spaces", proxies, "127.0.0.1:4000", []string{"198.51.100.1,10.1.2.3,192.0.2.7"}, "198.51.100.1"},
		{"spoofed leftmost", proxies, "127.0.0.1:4000", []string{"1.1.1.1, 198.51.100.1"}, "198.51.100.1"},
		{"spoofed leftmost behind two proxies", proxies, "127.0.0.1:4000", []string{"1.1.1.1, 2.2.2.2, 198.51.100.1, 10.0.0.9"}, "198.51.100.1"},
		{"spoofed trusted leftmost", proxies, "127.0.0.1:4000", []string{"10.0.0.1, 198.51.100.1"}, "198.51.100.1"},
		{"spoofed garbage leftmost", proxies, "127.0.0.1:4000", []string{"<script>, unknown, 198.51.100.1"}, "198.51.100.1"},
		{"spoofed garbage line before", proxies, "127.0.0.1:4000", []string{"not an address", "198.51.100.1"}, "198.51.100.1"},
		{"several field lines", proxies, "127.0.0.1:4000", []string{"1.1.1.1", "198.51.100.1", "10.0.0.2"}, "198.51.100.1"},
		{"every hop trusted", proxies, "127.0.0.1:4000", []string{"10.0.0.3, 10.0.0.2"}, "10.0.0.3"},
		{"empty elements", proxies, "127.0.0.1:4000", []string{" , 198.51.100.1 ,, 10.0.0.2, "}, "198.51.100.1"},
		{"tabs", proxies, "127.0.0.1:4000", []string{"\t198.51.100.1\t"}, "198.51.100.1"},
		// IPv6 hops and peers.
		{"IPv6 client", proxies, "127.0.0.1:4000", []string{"2001:db8:1::5"}, "2001:db8:1::5"},
		{"IPv6 client with port", proxies, "127.0.0.1:4000", []string{"[2001:db8:1::5]:443"}, "2001:db8:1::5"},
		{"IPv6 client bracketed", proxies, "127.0.0.1:4000", []string{"[2001:db8:1::5]"}, "2001:db8:1::5"},
		{"IPv6 proxy", proxies, "[2001:db8:ffff::1]:4000", []string{"198.51.100.1, 2001:db8:ffff:0:1::2"}, "198.51.100.1"},
		{"IPv6 zone dropped", proxies, "127.0.0.1:4000", []string{"fe80::1%eth0"}, "fe80::1"},
		{"IPv4 client with port", proxies, "127.0.0.1:4000", []string{"198.51.100.1:5555"}, "198.51.100.1"},
		{"IPv4-mapped client", proxies, "127.0.0.1:4000", []string{"::ffff:198.51.100.1"}, "198.51.100.1"},
		{"IPv4-mapped peer is trusted", proxies, "[::ffff:127.0.0.1]:4000", []string{"198.51.100.1"}, "198.51.100.1"},
		{"IPv4-mapped trusted hop", proxies, "127.0.0.1:4000", []string{"198.51.100.1, ::ffff:10.0.0.2"}, "198.51.100.1"},
		// Malformed hops on the walk: the peer.
		{"garbage", proxies, "127.0.0.1:4000", []string{"unknown"}, "127.0.0.1"},
		{"garbage after a trusted hop", proxies, "127.0.0.1:4000", []string{"198.51.100.1, junk, 10.0.0.2"}, "127.0.0.1"},
		{"obfuscated identifier", proxies, "127.0.0.1:4000", []string{"_hidden"}, "127.0.0.1"},
		{"bad port", proxies, "127.0.0.1:4000", []string{"198.51.100.1:99999"}, "127.0.0.1"},
		{"bracketed IPv4", proxies, "127.0.0.1:4000", []string{"[198.51.100.1]"}, "127.0.0.1"},
		{"CIDR", proxies, "127.0.0.1:4000", []string{"198.51.100.0/24"}, "127.0.0.1"},
		{"quoted", proxies, "127.0.0.1:4000", []string{`"198.51.100.1"`}, "127.0.0.1"},
		{"leading zeros", proxies, "127.0.0.1:4000", []string{"198.051.100.001"}, "127.0.0.1"},
		{"NUL", proxies, "127.0.0.1:4000", []string{"198.51.100.1\x00"}, "127.0.0.1"},
		// A peer that is not an IP address.
		{"unix socket", proxies, "@", []string{"198.51.100.1"}, ""},
		{"empty peer", proxies, "", nil, ""},
		{"bare peer", proxies, "203.0.113.5", nil, "203.0.113.5"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, ok := tc.p.Resolve(tc.peer, tc.xff)
			if tc.want == "" {
				if ok {
					t.Errorf("Resolve(%q, %q) = %v, want not ok", tc.peer, tc.xff, got)
				}
				return
			}
			if !ok || got != netip.MustParseAddr(tc.want) {
				t.Errorf("Resolve(%q, %q) = %v, %v; want %s", tc.peer, tc.xff, got, ok, tc.want)
			}
		})
	}
}

func TestClient(t *testing.T) {
	r := httptest.NewRequest("GET", "/", nil)
	r.RemoteAddr = "127.0.0.1:1234"
	r.Header.Add("X-Forwarded-For", "1.1.1.1, 198.51.100.1")
	r.Header.Add("x-forwarded-for", "10.0.0.1")
	if got, ok := mustParse(t, "127.0.0.1,10.0.0.0/8").Client(r); !ok || got.String() != "198.51.100.1" {
		t.Errorf("Client with trusted proxies = %v, %v; want 198.51.100.1", got, ok)
	}
	if got, ok := (Proxies{}).Client(r); !ok || got.String() != "127.0.0.1" {
		t.Errorf("Client without trusted proxies = %v, %v; want the peer 127.0.0.1", got, ok)
	}
}

func TestParseProxies(t *testing.T) {
	good := []struct {
		in   []string
		want string
	}{
		{nil, ""},
		{[]string{""}, ""},
		{[]string{"127.0.0.0/8"}, "127.0.0.0/8"},
		{[]string{"10.1.2.3/8, 192.0.2.1", "::1"}, "10.0.0.0/8,192.0.2.1/32,::1/128"},
		{[]string{"2001:db8::/32,"}, "2001:db8::/32"},
		{[]string{"::ffff:10.0.0.0/104"}, "10.0.0.0/8"},
		{[]string{"::ffff:10.0.0.1"}, "10.0.0.1/32"},
	}
	for _, tc := range good {
		p, err := ParseProxies(tc.in...)
		if err != nil || p.String() != tc.want {
			t.Errorf("ParseProxies(%q) = %q, %v; want %q", tc.in, p, err, tc.want)
		}
		if p.IsZero() != (tc.want == "") {
			t.Errorf("ParseProxies(%q).IsZero() = %v", tc.in, p.IsZero())
		}
	}
	for _, in := range []string{"nginx", "10.0.0.0/33", "10.0.0/8", "0.0.0.0/0", "::/0", "fe80::1%eth0", "10.0.0.1:80", "10.0.0.0/8 10.1.0.0/16"} {
		if _, err := ParseProxies("127.0.0.1", in); err == nil || !strings.Contains(err.Error(), "trusted proxy") {
			t.Errorf("ParseProxies(%q) = %v, want an error naming it", in, err)
		}
	}
}

// FuzzResolve checks that any header gives an answer without a panic,
// and that the answer is the peer or an address written in the header,
// never one from left of an untrusted hop.
func FuzzResolve(f *testing.F) {
	for _, s := range []string{
		"", "198.51.100.1", "1.1.1.1, 198.51.100.1, 10.0.0.1", "unknown", ",,,", " , ",
		"[2001:db8::1]:443, 10.0.0.1", "fe80::1%eth0", "::ffff:10.0.0.1", "198.51.100.1:99999",
		"[198.51.100.1]", "[", "]", "[]", "10.0.0.1,10.0.0.2,10.0.0.3", "\x00", "1.2.3.4\t,\t5.6.7.8",
	} {
		f.Add("127.0.0.1:4000", s)
	}
	f.Add("[::1]:80", "2001:db8::1")
	f.Add("garbage", "198.51.100.1")
	p := mustParse(f, "127.0.0.0/8,10.0.0.0/8,::1")
	f.Fuzz(func(t *testing.T, peer, xff string) {
		lines := strings.Split(xff, "\n")
		got, ok := p.Resolve(peer, lines)
		direct, dok := (Proxies{}).Resolve(peer, lines)
		if ok != dok {
			t.Fatalf("Resolve(%q, %q): ok %v, but the peer alone gives %v", peer, xff, ok, dok)
		}
		if !ok {
			return
		}
		if got.Zone() != "" || got.Is4In6() {
			t.Fatalf("Resolve(%q, %q) = %v: zone or IPv4-mapped", peer, xff, got)
		}
		if got == direct {
			return
		}
		if !p.Trusts(direct) {
			t.Fatalf("Resolve(%q, %q) = %v: used the header of untrusted peer %v", peer, xff, got, direct)
		}
		// got must be a hop of the header, with only trusted hops to its right.
		hops := strings.FieldsFunc(strings.Join(lines, ","), func(r rune) bool { return r == ',' })
		for i := len(hops) - 1; i >= 0; i-- {
			h := strings.Trim(hops[i], " \t")
			if h == "" {
				continue
			}
			a, ok := parseHop(h)
			if !ok {
				t.Fatalf("Resolve(%q, %q) = %v: walked past malformed hop %q", peer, xff, got, h)
			}
			if a == got {
				return
			}
			if !p.Trusts(a) {
				t.Fatalf("Resolve(%q, %q) = %v: walked past untrusted hop %v", peer, xff, got, a)
			}
		}
		t.Fatalf("Resolve(%q, %q) = %v: not a hop of the header", peer, xff, got)
	})
}
