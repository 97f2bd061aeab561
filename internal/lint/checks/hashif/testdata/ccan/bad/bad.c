#include "config.h"
#ifdef HAVE_FOO
int foo;
#endif
