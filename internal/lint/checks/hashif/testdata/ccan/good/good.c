#include "config.h"
#if HAVE_FOO
int foo;
#endif
#ifndef HAVE_BAR
int bar;
#endif
