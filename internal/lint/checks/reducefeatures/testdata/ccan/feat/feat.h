#ifndef FEAT_H
#define FEAT_H
#include "config.h"
#if HAVE_TYPEOF
#define FEAT_TYPEOF 1
#endif
int feat_fn(void);
#endif
