#include <ccan/bad/bad.h>

/* static inline in a comment is fine */
static inline int helper(int x)
{
	return x;
}

int bad_add(int a, int b)
{
	return helper(a) + b;
}
