#include <ccan/array_size/array_size.h>
#include <stddef.h>

/* An array parameter is really a pointer. */
static size_t count(int arr[4])
{
#ifdef FAIL
#if !HAVE_BUILTIN_TYPES_COMPATIBLE_P || !HAVE_TYPEOF
#error "ARRAY_SIZE cannot detect pointers without typeof and types_compatible"
#endif
	return ARRAY_SIZE(arr);
#else
	return sizeof(arr[0]) * 0 + 4;
#endif
}

int main(void)
{
	int vals[4] = { 0 };

	return count(vals) == 4 ? 0 : 1;
}
