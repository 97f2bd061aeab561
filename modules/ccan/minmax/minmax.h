/* CC0 (Public domain) - see LICENSE file for details */
#ifndef CCAN_MINMAX_H
#define CCAN_MINMAX_H
#include "config.h"
#include <ccan/build_assert/build_assert.h>

#if HAVE_BUILTIN_TYPES_COMPATIBLE_P
#define minmax_same_type_(a, b)						\
	BUILD_ASSERT(__builtin_types_compatible_p(typeof(a), typeof(b)))
#else
/* Comparing pointers to distinct types draws a diagnostic. */
#define minmax_same_type_(a, b)	(void)(&(a) == &(b))
#endif

/**
 * min - the smaller of two values of the same type
 * @a: the first value
 * @b: the second value
 *
 * When the compiler allows, @a and @b are evaluated once each and must
 * have the same type.
 *
 * Example:
 *	#include <ccan/minmax/minmax.h>
 *
 *	static unsigned int shortest(unsigned int x, unsigned int y)
 *	{
 *		return min(x, y);
 *	}
 *
 *	int main(void)
 *	{
 *		return shortest(4, 2) == 2 ? 0 : 1;
 *	}
 */
/**
 * max - the larger of two values of the same type
 * @a: the first value
 * @b: the second value
 *
 * When the compiler allows, @a and @b are evaluated once each and must
 * have the same type.
 *
 * Example:
 *	#include <ccan/minmax/minmax.h>
 *
 *	static long longest(long x, long y)
 *	{
 *		return max(x, y);
 *	}
 *
 *	int main(void)
 *	{
 *		return longest(-4, 2) == 2 ? 0 : 1;
 *	}
 */
/**
 * clamp - limit a value to a range
 * @v: the value
 * @lo: the lowest value allowed
 * @hi: the highest value allowed (must not be below @lo)
 *
 * Evaluates to @lo if @v is below it, @hi if @v is above it, otherwise @v.
 * When the compiler allows, each argument is evaluated once and all three
 * must have the same type.
 *
 * Example:
 *	#include <ccan/minmax/minmax.h>
 *
 *	static int percent(int v)
 *	{
 *		return clamp(v, 0, 100);
 *	}
 *
 *	int main(void)
 *	{
 *		return percent(-5) == 0 && percent(250) == 100 ? 0 : 1;
 *	}
 */
#if HAVE_STATEMENT_EXPR && HAVE_TYPEOF
#define min(a, b)							\
	({								\
		typeof(a) minmax_a_ = (a);				\
		typeof(b) minmax_b_ = (b);				\
		minmax_same_type_(minmax_a_, minmax_b_);		\
		minmax_a_ < minmax_b_ ? minmax_a_ : minmax_b_;		\
	})

#define max(a, b)							\
	({								\
		typeof(a) minmax_a_ = (a);				\
		typeof(b) minmax_b_ = (b);				\
		minmax_same_type_(minmax_a_, minmax_b_);		\
		minmax_a_ > minmax_b_ ? minmax_a_ : minmax_b_;		\
	})

#define clamp(v, lo, hi)						\
	({								\
		typeof(v) minmax_v_ = (v);				\
		typeof(lo) minmax_lo_ = (lo);				\
		typeof(hi) minmax_hi_ = (hi);				\
		minmax_same_type_(minmax_v_, minmax_lo_);		\
		minmax_same_type_(minmax_v_, minmax_hi_);		\
		minmax_v_ < minmax_lo_ ? minmax_lo_			\
			: minmax_v_ > minmax_hi_ ? minmax_hi_ : minmax_v_; \
	})
#else
#define min(a, b) ((a) < (b) ? (a) : (b))
#define max(a, b) ((a) > (b) ? (a) : (b))
#define clamp(v, lo, hi) ((v) < (lo) ? (lo) : (v) > (hi) ? (hi) : (v))
#endif

#endif /* CCAN_MINMAX_H */
