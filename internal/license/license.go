// Package license is the model of module licenses shared by the lint
// checks and the archive web site: which License: strings name which
// license, the LICENSE file a module should link to, how to recognise a
// license's boilerplate in source text, and which licenses a module may
// combine with its own.
//
// It follows the original ccanlint exactly (see the format spec, 5.4),
// with one deliberate fix: the CC0 boilerplate clause is matched as
// "waiver", since the original's "Waiver." can never occur in the
// simplified text it searches.
package license

import (
	"regexp"
	"strings"
)

// License is one license kind known to ccanlint. The order is the
// original's, which matters: boilerplate detection tries licenses in
// this order.
type License int

const (
	LGPLv2Plus   License = iota // "LGPL (v2.1 or any later version)"
	LGPLv2                      // "LGPLv2.1": v2.1 only
	LGPLv3                      // "LGPL (v3 or any later version)"
	LGPL                        // "LGPL": any version
	GPLv2Plus                   // "GPL (v2 or any later version)"
	GPLv2                       // "GPLv2": v2 only
	GPLv3                       // "GPL (v3 or any later version)"
	GPL                         // "GPL": any version
	BSD                         // "BSD (3 clause)"
	MIT                         // "BSD-MIT" or "MIT"
	CC0                         // "CC0", "CC0 (Public domain)"
	PublicDomain                // anything containing "public domain"
	Unknown                     // anything else
)

// All lists every license, Unknown last.
var All = []License{LGPLv2Plus, LGPLv2, LGPLv3, LGPL, GPLv2Plus, GPLv2, GPLv3, GPL, BSD, MIT, CC0, PublicDomain, Unknown}

type info struct {
	name      string // ccanlint's name, used in messages
	shortName string // what a source comment must mention
	describe  string // for a one-line comment; "" = none
	file      string // file under licenses/ that LICENSE should link to
	clauses   []string
}

var infos = [...]info{
	LGPLv2Plus:   {"LGPLv2+", "LGPL", "GNU LGPL version 2 (or later)", "LGPL-2.1", []string{"gnu lesser general public license", "version 2", "or at your option any later version"}},
	LGPLv2:       {"LGPLv2", "LGPL", "GNU LGPL version 2", "LGPL-2.1", []string{"gnu lesser general public license", "version 2"}},
	LGPLv3:       {"LGPLv3", "LGPL", "GNU LGPL version 3", "LGPL-3", []string{"gnu lesser general public license", "version 3"}},
	LGPL:         {"LGPL", "LGPL", "GNU LGPL", "LGPL-3", []string{"gnu lesser general public license"}},
	GPLv2Plus:    {"GPLv2+", "GPL", "GNU GPL version 2 (or later)", "GPL-2", []string{"gnu general public license", "version 2", "or at your option any later version"}},
	GPLv2:        {"GPLv2", "GPL", "GNU GPL version 2", "GPL-2", []string{"gnu general public license", "version 2"}},
	GPLv3:        {"GPLv3", "GPL", "GNU GPL version 3 (or later)", "GPL-3", []string{"gnu general public license", "version 3"}},
	GPL:          {"GPL", "GPL", "GNU GPL", "GPL-3", []string{"gnu general public license"}},
	BSD:          {"BSD-3CLAUSE", "BSD", "3-clause BSD license", "BSD-3CLAUSE", []string{"redistributions of source code must retain", "redistributions in binary form must reproduce", "endorse or promote"}},
	MIT:          {"BSD-MIT", "MIT", "MIT (BSD) license", "BSD-MIT", []string{"without restriction", "above copyright notice", "without warranty"}},
	CC0:          {"CC0", "CC0", "CC0 license (public domain)", "CC0", []string{"waiver", "unconditionally waives"}},
	PublicDomain: {"Public domain", "Public domain", "", "", nil},
	Unknown:      {"Unknown license", "Unknown license", "", "", nil},
}

// exact maps the License: strings ccanlint recognises verbatim.
var exact = map[string]License{
	"GPL":                              GPL,
	"GPLv2":                            GPLv2,
	"GPL (v2 or any later version)":    GPLv2Plus,
	"GPL (v3 or any later version)":    GPLv3,
	"LGPL":                             LGPL,
	"LGPLv2.1":                         LGPLv2,
	"LGPL (v2.1 or any later version)": LGPLv2Plus,
	"LGPL (v3 or any later version)":   LGPLv3,
	"BSD-MIT":                          MIT,
	"MIT":                              MIT,
	"BSD (3 clause)":                   BSD,
	"CC0":                              CC0,
}

var (
	cc0Re          = regexp.MustCompile(`CC0 \([Pp]ublic [Dd]omain\)`)
	publicDomainRe = regexp.MustCompile(`[Pp]ublic [Dd]omain`)
)

// FromString returns the license a module's License: string (the first
// line of its _info License: section) names. Strings are matched
// exactly, then by an unanchored search for "CC0 (public domain)" and
// "public domain" (first letters of each word in either case);
// anything else is Unknown.
func FromString(s string) License {
	if l, ok := exact[s]; ok {
		return l
	}
	switch {
	case cc0Re.MatchString(s):
		return CC0
	case publicDomainRe.MatchString(s):
		return PublicDomain
	}
	return Unknown
}

func (l License) info() info {
	if l < 0 || int(l) >= len(infos) {
		return infos[Unknown]
	}
	return infos[l]
}

// String returns ccanlint's name of the license ("LGPLv2+", "BSD-MIT",
// "Public domain", "Unknown license"), as its messages print it.
func (l License) String() string { return l.info().name }

// ShortName is the word a source file's license comment must contain a
// word starting with ("LGPL", "GPL", "BSD", "MIT", "CC0").
func (l License) ShortName() string { return l.info().shortName }

// Description is a human description ("GNU LGPL version 2 (or later)"),
// "" for public domain and unknown licenses.
func (l License) Description() string { return l.info().describe }

// OneLiner is the comment ccanlint offers to prepend to source files:
// "/* GNU LGPL version 2 (or later) - see LICENSE file for details */".
func (l License) OneLiner() string {
	return "/* " + l.info().describe + " - see LICENSE file for details */"
}

// File is the name under the tree's licenses/ directory that a module's
// LICENSE symlink must point to ("LGPL-2.1"), or "" when no file is
// expected (public domain, unknown).
func (l License) File() string { return l.info().file }

// Known reports whether l is a license ccanlint understands.
func (l License) Known() bool { return l >= 0 && l < Unknown }

// LinkPrefix is the relative prefix a LICENSE symlink of the named module
// must start with: "../../licenses/", one more "../" per "/" in name.
func LinkPrefix(name string) string {
	return "../../" + strings.Repeat("../", strings.Count(name, "/")) + "licenses/"
}
