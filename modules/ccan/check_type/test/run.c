#include <ccan/check_type/check_type.h>
#include <ccan/tap/tap.h>

struct point {
	int x, y;
};

int main(void)
{
	int i = 7;
	long l = 8;
	struct point p = { 1, 2 };
	const char *s = "x";

	plan_tests(6);
	ok1(check_type(i, int) == 0);
	ok1(check_type(l, long) == 0);
	ok1(check_type(p, struct point) == 0);
	ok1(check_types_match(p.x, p.y) == 0);
	ok1(check_types_match(s, "y" + 0) == 0);
	/* The expressions are never evaluated. */
	ok1(check_type(i++, int) == 0 && i == 7);
	return exit_status();
}
