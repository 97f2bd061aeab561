// Package clientip finds the address of the client behind an HTTP
// request: the direct peer, or, when the peer is a trusted reverse
// proxy (nginx, Caddy), the address the proxies recorded in
// X-Forwarded-For.
//
// Each proxy appends the address it received the request from to
// X-Forwarded-For, so the header reads "client, proxy1, proxy2" and the
// peer is the last proxy. Only the entries added by trusted proxies can
// be believed: everything left of them came from the client, who can
// write anything there. Proxies.Resolve therefore walks the header from
// the right, skipping hops inside a trusted range, and takes the first
// address that is not; never the leftmost entry. A malformed hop on
// that walk makes the whole header untrustworthy: the answer is then
// the peer itself. With no trusted ranges (the zero Proxies) the header
// is ignored.
package clientip

import (
	"fmt"
	"net/http"
	"net/netip"
	"strings"
)

// Header is the request header that trusted proxies fill in.
const Header = "X-Forwarded-For"

// Proxies are the address ranges of trusted reverse proxies. The zero
// value trusts none.
type Proxies struct {
	ranges []netip.Prefix // masked; IPv4 ranges as IPv4
}

// ParseProxies parses trusted proxy ranges: each value is a
// comma-separated list of CIDR prefixes ("10.0.0.0/8",
// "2001:db8::/48") or single addresses ("127.0.0.1"). A range of every
// address (/0) is refused: it would let any client name its own
// address.
func ParseProxies(values ...string) (Proxies, error) {
	var p Proxies
	for _, v := range values {
		for _, f := range strings.Split(v, ",") {
			f = strings.TrimSpace(f)
			if f == "" {
				continue
			}
			r, err := parseRange(f)
			if err != nil {
				return Proxies{}, err
			}
			p.ranges = append(p.ranges, r)
		}
	}
	return p, nil
}

func parseRange(s string) (netip.Prefix, error) {
	var r netip.Prefix
	if strings.Contains(s, "/") {
		var err error
		if r, err = netip.ParsePrefix(s); err != nil {
			return r, fmt.Errorf("bad trusted proxy range %q: want a CIDR prefix such as 10.0.0.0/8 or fd00::/8, or one address", s)
		}
	} else {
		a, err := netip.ParseAddr(s)
		if err != nil || a.Zone() != "" {
			return r, fmt.Errorf("bad trusted proxy address %q: want a CIDR prefix such as 10.0.0.0/8 or fd00::/8, or one address", s)
		}
		r = netip.PrefixFrom(a, a.BitLen())
	}
	if a := r.Addr(); a.Is4In6() && r.Bits() >= 96 {
		r = netip.PrefixFrom(a.Unmap(), r.Bits()-96)
	}
	if r.Bits() == 0 {
		return r, fmt.Errorf("trusted proxy range %q holds every address: clients could name their own", s)
	}
	return r.Masked(), nil
}

// IsZero reports whether p trusts no proxy.
func (p Proxies) IsZero() bool { return len(p.ranges) == 0 }

// String lists p's ranges, comma-separated.
func (p Proxies) String() string {
	s := make([]string, len(p.ranges))
	for i, r := range p.ranges {
		s[i] = r.String()
	}
	return strings.Join(s, ",")
}

// Trusts reports whether a is inside one of p's ranges.
func (p Proxies) Trusts(a netip.Addr) bool {
	a = a.Unmap()
	for _, r := range p.ranges {
		if r.Contains(a) {
			return true
		}
	}
	return false
}

// Client is Resolve for r's peer and X-Forwarded-For header.
func (p Proxies) Client(r *http.Request) (netip.Addr, bool) {
	return p.Resolve(r.RemoteAddr, r.Header.Values(Header))
}

// Resolve returns the client address of a request whose direct peer is
// peer (http.Request.RemoteAddr: "host:port", or a bare address) and
// whose X-Forwarded-For field lines are xff, in order. IPv4-mapped IPv6
// addresses come back as IPv4, without zones. ok is false when peer is
// not an IP address (a Unix socket, say); then the header is not used
// either.
func (p Proxies) Resolve(peer string, xff []string) (addr netip.Addr, ok bool) {
	addr, ok = parseHop(peer)
	if !ok || !p.Trusts(addr) {
		return addr, ok
	}
	client := addr
	// Field lines are one comma-separated list (RFC 9110 5.3): walk the
	// last line first, each from its end.
	for i := len(xff) - 1; i >= 0; i-- {
		rest := xff[i]
		for rest != "" {
			hop := rest
			if j := strings.LastIndexByte(rest, ','); j >= 0 {
				hop, rest = rest[j+1:], rest[:j]
			} else {
				rest = ""
			}
			hop = strings.Trim(hop, " \t")
			if hop == "" {
				continue // empty list elements are allowed
			}
			a, ok := parseHop(hop)
			if !ok {
				return addr, true
			}
			if !p.Trusts(a) {
				return a, true
			}
			client = a
		}
	}
	// Every hop is trusted: the client is itself inside a trusted
	// range, and the leftmost hop is as far as the chain goes.
	return client, true
}

// parseHop parses one address as peers and proxies write them: bare
// ("192.0.2.1", "2001:db8::1"), with a port ("192.0.2.1:8080",
// "[2001:db8::1]:443") or bracketed ("[2001:db8::1]").
func parseHop(s string) (netip.Addr, bool) {
	a, err := netip.ParseAddr(s)
	if err != nil {
		ap, perr := netip.ParseAddrPort(s)
		switch {
		case perr == nil:
			a, err = ap.Addr(), nil
		case len(s) > 2 && s[0] == '[' && s[len(s)-1] == ']':
			a, err = netip.ParseAddr(s[1 : len(s)-1])
			if err == nil && !a.Is6() {
				err = fmt.Errorf("bracketed IPv4 address")
			}
		}
	}
	if err != nil {
		return netip.Addr{}, false
	}
	return a.WithZone("").Unmap(), true
}
