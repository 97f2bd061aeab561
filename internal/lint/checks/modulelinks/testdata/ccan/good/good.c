#include <ccan/good/good.h>

int good_fn(void)
{
	return 0;
}
