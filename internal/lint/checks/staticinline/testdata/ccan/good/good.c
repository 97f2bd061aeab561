#include <ccan/good/good.h>

int good_add(int a, int b)
{
	return a + b;
}
