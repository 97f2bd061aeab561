#define CCAN_STR_DEBUG 1
#include <ccan/str/str.h>
#include <ccan/str/str.c>

int main(int argc, char *argv[])
{
	(void)argc;
#ifdef FAIL
#if !HAVE_BUILTIN_TYPES_COMPATIBLE_P || !HAVE_TYPEOF
#error "Cannot catch char arguments without typeof and types_compatible"
#endif
	/* A plain char may be negative. */
	return isspace(argv[0][0]);
#else
	return isspace((unsigned char)argv[0][0]);
#endif
}
