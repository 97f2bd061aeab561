/* CC0 (Public domain) - see LICENSE file for details */
#ifndef CCAN_ARRAY_SIZE_H
#define CCAN_ARRAY_SIZE_H
#include "config.h"
#include <ccan/build_assert/build_assert.h>

/**
 * ARRAY_SIZE - the number of elements in an array
 * @arr: an array (not a pointer!)
 *
 * Evaluates to a size_t constant.  When the compiler has typeof and
 * __builtin_types_compatible_p, passing a pointer instead of an array is
 * a compile error.
 *
 * Example:
 *	#include <ccan/array_size/array_size.h>
 *
 *	static int primes[] = { 2, 3, 5, 7, 11 };
 *
 *	int main(void)
 *	{
 *		return ARRAY_SIZE(primes) == 5 ? 0 : 1;
 *	}
 */
#define ARRAY_SIZE(arr)							\
	(sizeof(arr) / sizeof((arr)[0]) + array_size_not_pointer_(arr))

/*
 * An array and a pointer to its first element have different types; a
 * pointer and the address of its first element have the same type.
 */
#if HAVE_BUILTIN_TYPES_COMPATIBLE_P && HAVE_TYPEOF
#define array_size_not_pointer_(arr)					\
	BUILD_ASSERT_OR_ZERO(!__builtin_types_compatible_p(typeof(arr),	\
							   typeof(&(arr)[0])))
#else
#define array_size_not_pointer_(arr) 0
#endif

#endif /* CCAN_ARRAY_SIZE_H */
