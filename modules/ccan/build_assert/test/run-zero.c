#include <ccan/build_assert/build_assert.h>
#include <ccan/tap/tap.h>
#include <stddef.h>

int main(void)
{
	static const char text[] = "abc";
	const char *p = text + BUILD_ASSERT_OR_ZERO(sizeof(text) == 4);

	plan_tests(3);
	ok1(BUILD_ASSERT_OR_ZERO(1 + 1 == 2) == 0);
	ok1(p == text);
	BUILD_ASSERT(sizeof(text) == 4);
	ok1(sizeof(BUILD_ASSERT_OR_ZERO(1)) == sizeof(size_t));
	return exit_status();
}
