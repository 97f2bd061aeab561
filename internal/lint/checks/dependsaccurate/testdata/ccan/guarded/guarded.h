/* MIT (BSD) license - see LICENSE file for details */
#ifndef CCAN_GUARDED_H
#define CCAN_GUARDED_H
#include <ccan/dep/dep.h>
#include <ccan/guarded/sub/sub.h>
#endif
