#include <ccan/container_of/container_of.h>

struct foo {
	int a;
	char b;
};

int main(void)
{
	struct foo foo = { 1, 'x' }, *foop = NULL;
#ifdef FAIL
#if HAVE_TYPEOF
	int *intp = &foo.a;
	foop = container_of_var(intp, foop, b);
#else
#error "container_of_var cannot check types without typeof"
#endif
#else
	char *p = &foo.b;
	foop = container_of_var(p, foop, b);
#endif
	return foop != &foo;
}
