#include <ccan/container_of/container_of.h>

struct foo {
	int a;
	char b;
};

int main(void)
{
	struct foo foo = { 1, 'x' };
#ifdef FAIL
	/* b is a char, but we pretend it is an int. */
	int *intp = &foo.a;
	return container_of(intp, struct foo, b) == &foo;
#else
	char *p = &foo.b;
	return container_of(p, struct foo, b) != &foo;
#endif
}
