#ifndef CCAN_GOOD_H
#define CCAN_GOOD_H
#include "config.h"
#if HAVE_TYPEOF
int good(int x);
#else
int good(int y);
#endif
#endif
