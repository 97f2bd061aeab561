#ifndef CCAN_BAD_H
#define CCAN_BAD_H
#include "config.h"
#if HAVE_TYPEOF
#endif
#endif
