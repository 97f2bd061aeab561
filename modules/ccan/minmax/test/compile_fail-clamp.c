#include <ccan/minmax/minmax.h>

int main(int argc, char *argv[])
{
	(void)argv;
#ifdef FAIL
#if !HAVE_STATEMENT_EXPR || !HAVE_TYPEOF
#error "Type checking needs typeof and statement expressions"
#endif
	return clamp(argc, 0, 10L);
#else
	return clamp(argc, 0, 10) - argc;
#endif
}
