#include <ccan/build_assert/build_assert.h>

int main(int argc, char *argv[])
{
	(void)argv;
#ifdef FAIL
	/* argc is not known until run time, so this must be rejected. */
	BUILD_ASSERT(argc > 0);
#endif
	return argc > 0 ? 0 : 1;
}
