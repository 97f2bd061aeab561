#include <ccan/minmax/minmax.h>

int main(int argc, char *argv[])
{
	unsigned int u = 3;

	(void)argv;
#ifdef FAIL
#if !HAVE_STATEMENT_EXPR || !HAVE_TYPEOF
#error "Type checking needs typeof and statement expressions"
#endif
	/* int and unsigned int: the comparison would be unsigned. */
	return min(argc, u);
#else
	return min((unsigned int)argc, u) > 1;
#endif
}
