#include <ccan/compiler/compiler.h>

static WARN_UNUSED_RESULT int important(void)
{
	return 1;
}

int main(void)
{
#ifdef FAIL
#if !HAVE_WARN_UNUSED_RESULT
#error "Needs the warn_unused_result attribute"
#endif
	important();
	return 0;
#else
	return important() - 1;
#endif
}
