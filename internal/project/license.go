package project

import (
	"fmt"
	"sort"
	"strings"

	"github.com/ccan-archive/ccan/internal/derrors"
	"github.com/ccan-archive/ccan/internal/license"
)

// spdx maps common SPDX identifiers to ccanlint's licenses, so a
// project may declare its license either way. (ccanlint's "GPLv3"
// means "v3 or any later version".)
var spdx = map[string]license.License{
	"GPL-2.0-only": license.GPLv2, "GPL-2.0": license.GPLv2, "GPL-2.0-or-later": license.GPLv2Plus,
	"GPL-3.0-only": license.GPLv3, "GPL-3.0": license.GPLv3, "GPL-3.0-or-later": license.GPLv3,
	"LGPL-2.1-only": license.LGPLv2, "LGPL-2.1": license.LGPLv2, "LGPL-2.1-or-later": license.LGPLv2Plus,
	"LGPL-3.0-only": license.LGPLv3, "LGPL-3.0": license.LGPLv3, "LGPL-3.0-or-later": license.LGPLv3,
	"BSD-3-Clause": license.BSD, "CC0-1.0": license.CC0,
}

// ParseLicense reads a project's declared license: a License: string
// ccanlint knows ("GPL (v2 or any later version)", "BSD-MIT", "CC0",
// "Public domain"...), one of its short names ("GPLv2+", "BSD-3CLAUSE")
// or a common SPDX identifier ("MIT", "GPL-2.0-or-later").
func ParseLicense(s string) (license.License, error) {
	s = strings.TrimSpace(s)
	if l := license.FromString(s); l.Known() {
		return l, nil
	}
	if l, ok := spdx[s]; ok {
		return l, nil
	}
	for _, l := range license.All {
		if l.Known() && strings.EqualFold(s, l.String()) {
			return l, nil
		}
	}
	var names []string
	for _, l := range license.All {
		if l.Known() {
			names = append(names, fmt.Sprintf("%q", l.String()))
		}
	}
	return license.Unknown, derrors.Errorf(derrors.InvalidArgument, "unknown license %q (want a CCAN License: string, one of %s, or an SPDX identifier such as MIT or GPL-2.0-or-later)", s, strings.Join(names, ", "))
}

// Mismatch is a module whose license a project may not include.
type Mismatch struct {
	Module  string // "list"
	License string // as its _info says
	Reason  string
}

func (m Mismatch) String() string {
	return fmt.Sprintf("ccan/%s (%s): %s", m.Module, m.License, m.Reason)
}

// CheckLicenses checks every module's license against the project's,
// with ccanlint's compatibility chart (spec 5.4): may a project under
// project include code under the module's license? A module whose
// license ccanlint does not know cannot be checked and is a mismatch
// too.
func CheckLicenses(project license.License, mods []*Module) []Mismatch {
	var out []Mismatch
	for _, m := range mods {
		l := license.FromString(m.License)
		switch {
		case !l.Known():
			out = append(out, Mismatch{m.Name, orNone(m.License), "an unknown license: its compatibility cannot be checked"})
		case !project.Compatible(l):
			out = append(out, Mismatch{m.Name, m.License, fmt.Sprintf("a %s project may not include %s code (it may include %s)",
				project, l, strings.Join(accepted(project), ", "))})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Module < out[j].Module })
	return out
}

func orNone(s string) string {
	if s == "" {
		return "no License: line"
	}
	return s
}

// accepted lists the licenses a project under l may include.
func accepted(l license.License) []string {
	var out []string
	for _, o := range license.All {
		if o.Known() && l.Compatible(o) {
			out = append(out, o.String())
		}
	}
	return out
}
