#include <string.h>
#include <ccan/good/good.h>

int good_fn(void)
{
	return 0;
}

int good_has(const char *s)
{
	return strchr(s, 'x') != NULL;
}
