#include "config.h"
#if !HAVE_TYPEOF
#error no typeof
#endif
int helper(void);
int helper(void)
{
	return 1;
}
