/* CC0 (Public domain) - see LICENSE file for details */
#ifndef CCAN_CHECK_TYPE_H
#define CCAN_CHECK_TYPE_H
#include "config.h"
#include <ccan/build_assert/build_assert.h>

/**
 * check_type - insist that an expression has a given type
 * @expr: the expression whose type is checked (it is never evaluated)
 * @type: the type @expr must have
 *
 * Evaluates to the int 0.  When the compiler supports typeof, the compiler
 * complains if @expr does not have type @type; otherwise the build fails
 * only if the two types differ in size.
 *
 * Example:
 *	#include <ccan/check_type/check_type.h>
 *
 *	// Only accepts an unsigned int lvalue.
 *	#define flags_set(f, bit) ((f) |= (1U << (bit)) + check_type(f, unsigned int))
 *
 *	int main(void)
 *	{
 *		unsigned int flags = 0;
 *
 *		flags_set(flags, 3);
 *		return flags == 8 ? 0 : 1;
 *	}
 */
#if HAVE_TYPEOF
#define check_type(expr, type)						\
	((typeof(expr) *)0 != (type *)0)
#else
#define check_type(expr, type)						\
	((int)BUILD_ASSERT_OR_ZERO(sizeof(expr) == sizeof(type)))
#endif

/**
 * check_types_match - insist that two expressions have the same type
 * @expr1: the first expression (never evaluated)
 * @expr2: the second expression (never evaluated)
 *
 * Evaluates to the int 0.  With typeof support the compiler complains if
 * the types differ; otherwise only their sizes are compared.
 *
 * Example:
 *	#include <ccan/check_type/check_type.h>
 *
 *	// Swap two variables which must be of the same type.
 *	#define swap_ints(a, b)						\
 *		do {							\
 *			int tmp_ = (a) + check_types_match(a, b);	\
 *			(a) = (b);					\
 *			(b) = tmp_;					\
 *		} while (0)
 *
 *	int main(void)
 *	{
 *		int x = 1, y = 2;
 *
 *		swap_ints(x, y);
 *		return x == 2 && y == 1 ? 0 : 1;
 *	}
 */
#if HAVE_TYPEOF
#define check_types_match(expr1, expr2)					\
	((typeof(expr1) *)0 != (typeof(expr2) *)0)
#else
#define check_types_match(expr1, expr2)					\
	((int)BUILD_ASSERT_OR_ZERO(sizeof(expr1) == sizeof(expr2)))
#endif

#endif /* CCAN_CHECK_TYPE_H */
