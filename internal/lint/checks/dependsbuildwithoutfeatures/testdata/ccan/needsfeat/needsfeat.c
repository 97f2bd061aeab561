#include "config.h"
#if !HAVE_TYPEOF
#error no typeof
#endif
#include <ccan/needsfeat/needsfeat.h>

int needsfeat_fn(void)
{
	return 0;
}
