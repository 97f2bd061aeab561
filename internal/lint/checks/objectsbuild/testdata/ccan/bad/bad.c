#include <ccan/bad/bad.h>

int bad_fn(void)
{
	return 0;
}

int bad_broken(void)
{
	return nosuchvar;
}
