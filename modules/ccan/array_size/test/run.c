#include <ccan/array_size/array_size.h>
#include <ccan/tap/tap.h>

static char chars[7];
static int ints[3];
static struct {
	int a, b;
} structs[11];

int main(void)
{
	long longs[4][5];
	const char text[] = "hello";

	plan_tests(6);
	ok1(ARRAY_SIZE(chars) == 7);
	ok1(ARRAY_SIZE(ints) == 3);
	ok1(ARRAY_SIZE(structs) == 11);
	ok1(ARRAY_SIZE(longs) == 4);
	ok1(ARRAY_SIZE(longs[0]) == 5);
	ok1(ARRAY_SIZE(text) == 6);
	return exit_status();
}
