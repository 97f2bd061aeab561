package license

const (
	o = true
	x = false
)

// compatible[module][other] is ccanlint's chart: may a module under the
// first license contain code (or depend on modules) under the second?
// Rows and columns follow the License order; there is no Unknown
// column.
var compatible = [Unknown + 1][Unknown]bool{
	//            LGPL2+ LGPL2 LGPL3 LGPL GPL2+ GPL2 GPL3 GPL BSD MIT CC0 PD
	LGPLv2Plus:   {o, x, x, o, x, x, x, x, o, o, o, o},
	LGPLv2:       {o, o, x, o, x, x, x, x, o, o, o, o},
	LGPLv3:       {o, x, o, o, x, x, x, x, o, o, o, o},
	LGPL:         {o, o, o, o, x, x, x, x, o, o, o, o},
	GPLv2Plus:    {o, o, o, o, o, x, x, o, o, o, o, o},
	GPLv2:        {o, o, o, o, o, o, x, o, o, o, o, o},
	GPLv3:        {o, o, o, o, o, x, o, o, o, o, o, o},
	GPL:          {o, o, o, o, o, o, o, o, o, o, o, o},
	BSD:          {x, x, x, x, x, x, x, x, o, o, o, o},
	MIT:          {x, x, x, x, x, x, x, x, x, o, o, o},
	CC0:          {x, x, x, x, x, x, x, x, x, x, o, o},
	PublicDomain: {x, x, x, x, x, x, x, x, x, x, o, o},
	Unknown:      {x, x, x, x, x, x, x, x, x, x, o, o},
}

// Compatible reports whether a module licensed under l may include code
// licensed under other (a source file's boilerplate, or a dependency).
// Nothing is known to be compatible with an Unknown other license;
// callers that want to ignore unknown licenses (as ccanlint does for
// dependencies) must check other.Known first.
func (l License) Compatible(other License) bool {
	if !other.Known() {
		return false
	}
	if l < 0 || l > Unknown {
		l = Unknown
	}
	return compatible[l][other]
}
