#include <ccan/warns/warns.h>

int warns_fn(void)
{
	return 0;
}

int warns_unused(void)
{
	int x;
	return 0;
}
