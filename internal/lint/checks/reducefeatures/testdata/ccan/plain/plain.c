#include <ccan/plain/plain.h>

int plain_fn(void)
{
	return 0;
}
