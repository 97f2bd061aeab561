#include <ccan/build_assert/build_assert.h>

int main(void)
{
	BUILD_ASSERT(1 == 1);
	BUILD_ASSERT(sizeof(long) >= sizeof(int));
	return (int)BUILD_ASSERT_OR_ZERO(2 > 1);
}
