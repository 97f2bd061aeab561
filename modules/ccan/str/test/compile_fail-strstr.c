#define CCAN_STR_DEBUG 1
#include <ccan/str/str.h>
#include <ccan/str/str.c>

int main(int argc, char *argv[])
{
	const char *cs = argv[0];
#ifdef FAIL
#if !HAVE_TYPEOF
#error "Cannot preserve constness without typeof"
#endif
	/* Assigning the result to a non-const pointer drops const. */
	char *p = strstr(cs, "x");
#else
	const char *p = strstr(cs, "x");
#endif
	(void)argc;
	return p != NULL;
}
