/* MIT (BSD) license - see LICENSE file for details */
#include <ccan/dep/dep.h>
#include <ccan/other/other.h>
