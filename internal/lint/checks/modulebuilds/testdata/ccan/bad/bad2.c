#include <ccan/bad/bad.h>

int bad_fn(void)
{
	return 0;
}
