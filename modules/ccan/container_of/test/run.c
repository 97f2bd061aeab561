#include <ccan/container_of/container_of.h>
#include <ccan/tap/tap.h>

struct outer {
	char pad;
	int a;
	double b;
	struct {
		long c;
	} inner;
};

int main(void)
{
	struct outer o = { 'x', 1, 2.0, { 3 } };
	struct outer *op = NULL;
	int *ap = &o.a;
	double *bp = &o.b;
	long *cp = &o.inner.c;

	plan_tests(9);
	ok1(container_of(ap, struct outer, a) == &o);
	ok1(container_of(bp, struct outer, b) == &o);
	ok1(container_of(cp, struct outer, inner.c) == &o);
	ok1(container_of_var(ap, op, a) == &o);
	ok1(container_of_var(cp, op, inner.c) == &o);
	ok1(container_off(struct outer, a) == offsetof(struct outer, a));
	ok1(container_off(struct outer, pad) == 0);
	ok1(container_off_var(op, b) == offsetof(struct outer, b));
	ok1(container_of(ap, struct outer, a)->inner.c == 3);
	return exit_status();
}
