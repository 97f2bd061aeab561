#include <ccan/warn/warn.h>

int warn(int x)
{
	int unused;
	return x;
}
