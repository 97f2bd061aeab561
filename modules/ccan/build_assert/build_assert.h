/* CC0 (Public domain) - see LICENSE file for details */
#ifndef CCAN_BUILD_ASSERT_H
#define CCAN_BUILD_ASSERT_H

/*
 * Both macros below rely on the same trick: a bit-field must have a
 * constant, non-negative width.  A true condition gives width 1, a false
 * one gives width -1 (a hard error), and a non-constant one is rejected
 * because the width is not an integer constant expression.
 */

/**
 * BUILD_ASSERT - stop compilation unless a constant condition holds
 * @cond: an integer constant expression which must be true (non-zero)
 *
 * Use this as a statement inside a function.  It generates no code; if
 * @cond is false or cannot be evaluated at compile time the compiler
 * reports an error at this line.
 *
 * Example:
 *	#include <ccan/build_assert/build_assert.h>
 *	#include <limits.h>
 *
 *	static unsigned int low_byte(unsigned int v)
 *	{
 *		// This code assumes eight-bit bytes.
 *		BUILD_ASSERT(CHAR_BIT == 8);
 *		return v & 0xFF;
 *	}
 *
 *	int main(void)
 *	{
 *		return low_byte(0x100);
 *	}
 */
#define BUILD_ASSERT(cond)						\
	do {								\
		(void)sizeof(struct {					\
			int build_assert_failed : (cond) ? 1 : -1;	\
		});							\
	} while (0)

/**
 * BUILD_ASSERT_OR_ZERO - expression form of BUILD_ASSERT
 * @cond: an integer constant expression which must be true (non-zero)
 *
 * This is usable where only an expression is allowed, for example inside
 * another macro.  When @cond holds it evaluates to 0 (of type size_t), so
 * it can be added to any integer or pointer result without changing it.
 *
 * Example:
 *	#include <ccan/build_assert/build_assert.h>
 *
 *	// Only arrays of exactly four ints are accepted.
 *	#define sum4(arr)						\
 *		((arr)[0] + (arr)[1] + (arr)[2] + (arr)[3]		\
 *		 + (int)BUILD_ASSERT_OR_ZERO(sizeof(arr) == 4 * sizeof(int)))
 *
 *	int main(void)
 *	{
 *		int vals[4] = { 1, 2, 3, -6 };
 *		return sum4(vals);
 *	}
 */
#define BUILD_ASSERT_OR_ZERO(cond)					\
	(sizeof(struct {						\
		int build_assert_failed : (cond) ? 1 : -1;		\
	}) * 0)

#endif /* CCAN_BUILD_ASSERT_H */
