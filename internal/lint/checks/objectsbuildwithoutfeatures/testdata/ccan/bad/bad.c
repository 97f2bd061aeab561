#include "config.h"
#if !HAVE_TYPEOF
#error no typeof
#endif
#include <ccan/bad/bad.h>

int bad_fn(void)
{
	return 0;
}
