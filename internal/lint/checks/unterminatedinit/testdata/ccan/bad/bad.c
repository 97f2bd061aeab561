#include <ccan/bad/bad.h>

static const char ok[4] = "abc";
static const char tab[2] = "\t\n";
char hex[1] = { "\x41" };

int bad_add(int a, int b)
{
	char fine[] = "abcdef";
	char *p[1] = { "x" };
	return a + b + ok[0] + tab[0] + hex[0] + fine[0] + p[0][0];
}
