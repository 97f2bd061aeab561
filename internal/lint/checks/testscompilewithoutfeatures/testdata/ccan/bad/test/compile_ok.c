#include "config.h"
#if !HAVE_TYPEOF
#error no typeof
#endif
int main(void)
{
	return 0;
}
