#include <ccan/minmax/minmax.h>
#include <ccan/tap/tap.h>

static int calls;

static int counted(int v)
{
	calls++;
	return v;
}

int main(void)
{
	unsigned int u1 = 3, u2 = 7;
	double d1 = 1.5, d2 = -2.5;
	long l = 50;

	plan_tests(14);
	ok1(min(1, 2) == 1);
	ok1(min(2, 1) == 1);
	ok1(max(1, 2) == 2);
	ok1(max(2, 1) == 2);
	ok1(min(u1, u2) == 3);
	ok1(max(u1, u2) == 7);
	ok1(min(d1, d2) == -2.5);
	ok1(max(d1, d2) == 1.5);
	ok1(clamp(l, 0L, 10L) == 10);
	ok1(clamp(l, 60L, 100L) == 60);
	ok1(clamp(l, 0L, 100L) == 50);

	calls = 0;
	ok1(min(counted(5), counted(6)) == 5);
	ok1(max(counted(5), counted(6)) == 6);
#if HAVE_STATEMENT_EXPR && HAVE_TYPEOF
	/* Each argument evaluated exactly once. */
	ok1(calls == 4);
#else
	ok1(calls > 4);
#endif
	return exit_status();
}
