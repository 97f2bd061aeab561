#ifndef BAD_H
#define BAD_H
#include "config.h"
#if HAVE_TYPEOF
#define FEAT_TYPEOF 1
#endif
#endif
