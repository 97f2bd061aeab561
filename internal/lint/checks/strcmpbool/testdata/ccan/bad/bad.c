#include <ccan/bad/bad.h>
#include <string.h>

int bad_same(const char *a, const char *b);
int bad_same(const char *a, const char *b)
{
	const char *s = "if (strcmp(a, b))";
	if (strcmp(a, b))
		return 0;
	if (strcmp(a, b) < 0 && s)
		return 1;
	return !strcmp(a, b) + (0 == strcmp(a, s));
}

int bad_add(int a, int b)
{
	return a + b;
}
