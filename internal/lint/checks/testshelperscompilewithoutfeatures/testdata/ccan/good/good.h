#ifndef GOOD_H
#define GOOD_H
#include "config.h"
#if HAVE_TYPEOF
#define FEAT_TYPEOF 1
#endif
#endif
