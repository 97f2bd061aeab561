#include <ccan/build_assert/build_assert.h>

int main(void)
{
#ifdef FAIL
	return (int)BUILD_ASSERT_OR_ZERO(sizeof(char) == 2);
#else
	return 0;
#endif
}
