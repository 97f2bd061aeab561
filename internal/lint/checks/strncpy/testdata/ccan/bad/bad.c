#include <ccan/bad/bad.h>
#include <string.h>

/* strncpy is mentioned here only */
void bad_copy(char *dst, const char *src);
void bad_copy(char *dst, const char *src)
{
	strncpy(dst, src, 8);
}

int bad_add(int a, int b)
{
	return a + b;
}
