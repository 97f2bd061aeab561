#define CCAN_STR_DEBUG 2
#include <string.h>
#include <ccan/bad/bad.h>

int bad_fn(void)
{
	return 0;
}

int bad_has(const char *s)
{
	return strchr(s, 'x') != NULL;
}
