#include <ccan/dep/dep.h>

int dep_fn(void)
{
	return 0;
}
