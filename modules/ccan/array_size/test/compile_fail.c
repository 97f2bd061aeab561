#include <ccan/array_size/array_size.h>
#include <stdlib.h>

int main(int argc, char *argv[])
{
	char *names[4] = { NULL };

	(void)argc;
	(void)argv;
#ifdef FAIL
#if !HAVE_BUILTIN_TYPES_COMPATIBLE_P || !HAVE_TYPEOF
#error "ARRAY_SIZE cannot detect pointers without typeof and types_compatible"
#endif
	(void)names;
	/* argv is a pointer, not an array. */
	return ARRAY_SIZE(argv) == 0;
#else
	return ARRAY_SIZE(names) == 4 ? 0 : 1;
#endif
}
