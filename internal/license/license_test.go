package license

import (
	"testing"
)

func TestFromString(t *testing.T) {
	tests := []struct {
		in   string
		want License
	}{
		{"GPL", GPL},
		{"GPLv2", GPLv2},
		{"GPL (v2 or any later version)", GPLv2Plus},
		{"GPL (v3 or any later version)", GPLv3},
		{"LGPL", LGPL},
		{"LGPLv2.1", LGPLv2},
		{"LGPL (v2.1 or any later version)", LGPLv2Plus},
		{"LGPL (v3 or any later version)", LGPLv3},
		{"BSD-MIT", MIT},
		{"MIT", MIT},
		{"BSD (3 clause)", BSD},
		{"CC0", CC0},
		{"CC0 (Public domain)", CC0},
		{"CC0 (public Domain)", CC0},
		{"License: CC0 (Public domain)", CC0}, // unanchored search (endian)
		{"Public domain", PublicDomain},
		{"public domain, or CC0", PublicDomain},
		{"APACHE-2", Unknown},
		{"BSD (2 clause)", Unknown},
		{"CC0 (but some dependencies are LGPL!)", Unknown},
		{"gpl", Unknown},
		{"GPL ", Unknown},
		{"", Unknown},
	}
	for _, tt := range tests {
		if got := FromString(tt.in); got != tt.want {
			t.Errorf("FromString(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

func TestFile(t *testing.T) {
	want := map[License]string{
		LGPLv2Plus: "LGPL-2.1", LGPLv2: "LGPL-2.1", LGPLv3: "LGPL-3", LGPL: "LGPL-3",
		GPLv2Plus: "GPL-2", GPLv2: "GPL-2", GPLv3: "GPL-3", GPL: "GPL-3",
		BSD: "BSD-3CLAUSE", MIT: "BSD-MIT", CC0: "CC0", PublicDomain: "", Unknown: "",
	}
	for _, l := range All {
		if got := l.File(); got != want[l] {
			t.Errorf("%v.File() = %q, want %q", l, got, want[l])
		}
	}
}

func TestLinkPrefix(t *testing.T) {
	for name, want := range map[string]string{
		"list":          "../../licenses/",
		"str/hex":       "../../../licenses/",
		"crypto/sha256": "../../../licenses/",
		"a/b/c":         "../../../../licenses/",
	} {
		if got := LinkPrefix(name); got != want {
			t.Errorf("LinkPrefix(%q) = %q, want %q", name, got, want)
		}
	}
}

// TestCompatible spells out the whole chart of the format spec, 5.4.
func TestCompatible(t *testing.T) {
	chart := []string{
		//            LGPL2+ LGPL2 LGPL3 LGPL GPL2+ GPL2 GPL3 GPL BSD MIT CC0 PD
		LGPLv2Plus:   "OXXOXXXXOOOO",
		LGPLv2:       "OOXOXXXXOOOO",
		LGPLv3:       "OXOOXXXXOOOO",
		LGPL:         "OOOOXXXXOOOO",
		GPLv2Plus:    "OOOOOXXOOOOO",
		GPLv2:        "OOOOOOXOOOOO",
		GPLv3:        "OOOOOXOOOOOO",
		GPL:          "OOOOOOOOOOOO",
		BSD:          "XXXXXXXXOOOO",
		MIT:          "XXXXXXXXXOOO",
		CC0:          "XXXXXXXXXXOO",
		PublicDomain: "XXXXXXXXXXOO",
		Unknown:      "XXXXXXXXXXOO",
	}
	for _, mod := range All {
		for _, other := range All {
			want := other != Unknown && chart[mod][other] == 'O'
			if got := mod.Compatible(other); got != want {
				t.Errorf("%v.Compatible(%v) = %v, want %v", mod, other, got, want)
			}
		}
	}
}

func TestSimplify(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"  Hello,\tWorld!\n\n * GNU  Lesser", "hello world gnu lesser"},
		{"a-b", "ab"},
		{"x\x00 GPL", "x"},
		{"caf\xc3\xa9 au lait", "caf au lait"},
		{"end \n", "end "},
	}
	for _, tt := range tests {
		if got := Simplify(tt.in); got != tt.want {
			t.Errorf("Simplify(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

const (
	lgpl21Plus = `/*
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Lesser General Public
 * License as published by the Free Software Foundation; either
 * version 2.1 of the License, or (at your option) any later version.
 */`
	gpl2Only = `This program is free software; you can redistribute it under the
terms of the GNU General Public License, version 2.`
	bsd3 = `Redistributions of source code must retain the above copyright notice.
Redistributions in binary form must reproduce the above copyright notice.
Neither the name may be used to endorse or promote products.`
	mit = `Permission is hereby granted, free of charge, to deal in the Software
without restriction ... The above copyright notice ... THE SOFTWARE IS
PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND.`
	cc0 = `the Affirmer hereby overtly, fully, permanently, irrevocably and
unconditionally waives ... 3. Public License Fallback. Should any part of
the Waiver for any reason be judged legally invalid`
)

func TestDetectBoilerplate(t *testing.T) {
	tests := []struct {
		name string
		text string
		want License
		ok   bool
	}{
		{"lgpl2.1+", lgpl21Plus, LGPLv2Plus, true},
		{"gpl2", gpl2Only, GPLv2, true},
		{"bsd3", bsd3, BSD, true},
		{"mit", mit, MIT, true},
		{"cc0", cc0, CC0, true},
		{"none", "/* see LICENSE file */\nint x;\n", Unknown, false},
	}
	for _, tt := range tests {
		got, ok := DetectBoilerplate(tt.text)
		if got != tt.want || ok != tt.ok {
			t.Errorf("%s: DetectBoilerplate = %v, %v; want %v, %v", tt.name, got, ok, tt.want, tt.ok)
		}
	}
	if !PublicDomain.HasBoilerplate("") || !Unknown.HasBoilerplate("") {
		t.Error("licenses without clauses must always match, as in ccanlint")
	}
}

func TestNames(t *testing.T) {
	if got, want := LGPLv2Plus.OneLiner(), "/* GNU LGPL version 2 (or later) - see LICENSE file for details */"; got != want {
		t.Errorf("OneLiner = %q, want %q", got, want)
	}
	if got := MIT.ShortName(); got != "MIT" {
		t.Errorf("MIT.ShortName() = %q", got)
	}
	if got := License(99).String(); got != "Unknown license" {
		t.Errorf("License(99).String() = %q", got)
	}
}
