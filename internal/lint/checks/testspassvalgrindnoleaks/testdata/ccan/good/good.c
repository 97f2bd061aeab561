#include <ccan/good/good.h>

int good(int x)
{
	if (x)
		return 1;
	return 0;
}
