#include <ccan/half/half.h>

int half(int x)
{
	if (x > 0)
		return 1;
	if (x < 0)
		return 2;
	return 3;
}
