/* MIT (BSD) license - see LICENSE file for details */
#include <ccan/good/good.h>
#include <ccan/dep/dep.h>
#if HAVE_THING
#include <ccan/other/other.h>
#endif
