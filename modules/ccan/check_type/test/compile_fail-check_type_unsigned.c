#include <ccan/check_type/check_type.h>

int main(int argc, char *argv[])
{
	(void)argv;
#ifdef FAIL
#if HAVE_TYPEOF
	/* Same size, different type: only caught with typeof. */
	return check_type(argc, unsigned int);
#else
#error "Without typeof, int and unsigned int cannot be told apart"
#endif
#else
	return check_type(argc, int);
#endif
}
