/* CC0 (Public domain) - see LICENSE file for details */
#ifndef CCAN_COMPILER_H
#define CCAN_COMPILER_H
#include "config.h"

/**
 * COLD - mark a function as rarely called
 *
 * The compiler optimizes such functions for size and treats branches
 * leading to them as unlikely.  Good for error paths.
 *
 * Example:
 *	#include <ccan/compiler/compiler.h>
 *	#include <stdio.h>
 *
 *	static COLD void report_corruption(const char *what)
 *	{
 *		fprintf(stderr, "corrupt %s\n", what);
 *	}
 *
 *	int main(int argc, char *argv[])
 *	{
 *		(void)argv;
 *		if (argc > 5)
 *			report_corruption("arguments");
 *		return 0;
 *	}
 */
#if HAVE_ATTRIBUTE_COLD
#define COLD __attribute__((__cold__))
#else
#define COLD
#endif

/**
 * NORETURN - mark a function as never returning
 *
 * This lets the compiler omit code after calls to it, and avoids false
 * warnings about uninitialized variables or missing return values.
 *
 * Example:
 *	#include <ccan/compiler/compiler.h>
 *	#include <stdlib.h>
 *
 *	static NORETURN void finish(int code)
 *	{
 *		exit(code);
 *	}
 *
 *	int main(void)
 *	{
 *		finish(0);
 *	}
 */
#if HAVE_ATTRIBUTE_NORETURN
#define NORETURN __attribute__((__noreturn__))
#else
#define NORETURN
#endif

/**
 * PRINTF_FMT - check the arguments of a printf-style function
 * @nfmt: the argument number (counting from 1) of the format string
 * @narg: the argument number of the first value to format
 *
 * The compiler then checks each call's arguments against its format
 * string, as it does for printf() itself.
 *
 * Example:
 *	#include <ccan/compiler/compiler.h>
 *	#include <stdio.h>
 *	#include <stdarg.h>
 *
 *	static PRINTF_FMT(2, 3) void logmsg(int level, const char *fmt, ...)
 *	{
 *		va_list ap;
 *
 *		if (level < 1)
 *			return;
 *		va_start(ap, fmt);
 *		vfprintf(stderr, fmt, ap);
 *		va_end(ap);
 *	}
 *
 *	int main(void)
 *	{
 *		logmsg(0, "%d items\n", 3);
 *		return 0;
 *	}
 */
#if HAVE_ATTRIBUTE_PRINTF
#define PRINTF_FMT(nfmt, narg) __attribute__((__format__(__printf__, nfmt, narg)))
#else
#define PRINTF_FMT(nfmt, narg)
#endif

/**
 * CONST_FUNCTION - mark a function whose result depends only on its arguments
 *
 * Such a function reads no memory other than its arguments' values and
 * has no side effects, so repeated calls with the same arguments may be
 * merged.  Stricter than PURE_FUNCTION.
 *
 * Example:
 *	#include <ccan/compiler/compiler.h>
 *
 *	static CONST_FUNCTION unsigned int square(unsigned int x)
 *	{
 *		return x * x;
 *	}
 *
 *	int main(void)
 *	{
 *		return square(3) == 9 ? 0 : 1;
 *	}
 */
#if HAVE_ATTRIBUTE_CONST
#define CONST_FUNCTION __attribute__((__const__))
#else
#define CONST_FUNCTION
#endif

/**
 * PURE_FUNCTION - mark a function without side effects
 *
 * The result may depend on global memory or on memory reached through
 * pointer arguments, but calling the function changes nothing.
 *
 * Example:
 *	#include <ccan/compiler/compiler.h>
 *
 *	static PURE_FUNCTION unsigned int count_spaces(const char *s)
 *	{
 *		unsigned int n = 0;
 *
 *		for (; *s; s++)
 *			n += (*s == ' ');
 *		return n;
 *	}
 *
 *	int main(void)
 *	{
 *		return count_spaces("a b c") == 2 ? 0 : 1;
 *	}
 */
#if HAVE_ATTRIBUTE_PURE
#define PURE_FUNCTION __attribute__((__pure__))
#else
#define PURE_FUNCTION
#endif

/**
 * UNNEEDED - mark something which may legitimately be unused
 *
 * Suppresses warnings about an unused function or variable, for example
 * one only used in some configurations.  The compiler may still discard
 * it.
 *
 * Example:
 *	#include <ccan/compiler/compiler.h>
 *
 *	static UNNEEDED int debug_level(void)
 *	{
 *		return 0;
 *	}
 *
 *	int main(void)
 *	{
 *		return 0;
 *	}
 */
#if HAVE_ATTRIBUTE_UNUSED
#define UNNEEDED __attribute__((__unused__))
#else
#define UNNEEDED
#endif

/**
 * NEEDED - mark something which must be emitted even if it looks unused
 *
 * Use this for functions or variables only referenced from assembler or
 * found by a debugger.
 *
 * Example:
 *	#include <ccan/compiler/compiler.h>
 *
 *	static NEEDED const char build_tag[] = "starter-build";
 *
 *	int main(void)
 *	{
 *		return 0;
 *	}
 */
#if HAVE_ATTRIBUTE_USED
#define NEEDED __attribute__((__used__))
#else
#define NEEDED
#endif

/**
 * UNUSED - mark a parameter or variable which is deliberately unused
 *
 * Typically used for callback parameters required by a function
 * signature.
 *
 * Example:
 *	#include <ccan/compiler/compiler.h>
 *
 *	static int ignore_arg(void *arg UNUSED)
 *	{
 *		return 0;
 *	}
 *
 *	int main(void)
 *	{
 *		return ignore_arg(NULL);
 *	}
 */
#if HAVE_ATTRIBUTE_UNUSED
#define UNUSED __attribute__((__unused__))
#else
#define UNUSED
#endif

/**
 * IS_COMPILE_CONSTANT - is an expression known at compile time?
 * @expr: the expression to test (not evaluated)
 *
 * Evaluates to 1 if the compiler can tell that @expr is constant, else 0.
 * Without compiler support it is always 0, so it must only be used to
 * choose between two correct implementations (e.g. a fast path).
 *
 * Example:
 *	#include <ccan/compiler/compiler.h>
 *	#include <stdio.h>
 *
 *	int main(int argc, char *argv[])
 *	{
 *		(void)argv;
 *		if (IS_COMPILE_CONSTANT(argc))
 *			printf("argc is constant?\n");
 *		return 0;
 *	}
 */
#if HAVE_BUILTIN_CONSTANT_P
#define IS_COMPILE_CONSTANT(expr) __builtin_constant_p(expr)
#else
#define IS_COMPILE_CONSTANT(expr) 0
#endif

/**
 * WARN_UNUSED_RESULT - warn if a function's return value is ignored
 *
 * Put this on functions whose result reports an error or returns a
 * resource that must be released: ignoring it is almost always a bug.
 *
 * Example:
 *	#include <ccan/compiler/compiler.h>
 *	#include <stdbool.h>
 *
 *	static WARN_UNUSED_RESULT bool try_lock(int *lock)
 *	{
 *		if (*lock)
 *			return false;
 *		*lock = 1;
 *		return true;
 *	}
 *
 *	int main(void)
 *	{
 *		int lock = 0;
 *
 *		return try_lock(&lock) ? 0 : 1;
 *	}
 */
#if HAVE_WARN_UNUSED_RESULT
#define WARN_UNUSED_RESULT __attribute__((__warn_unused_result__))
#else
#define WARN_UNUSED_RESULT
#endif

/**
 * likely - tell the compiler a condition is usually true
 * @cond: the condition, evaluated exactly once
 *
 * Evaluates to 1 if @cond is true, else 0, and helps the compiler lay out
 * the common path first.  Only use it where the prediction is clearly
 * right.
 *
 * Example:
 *	#include <ccan/compiler/compiler.h>
 *	#include <stdlib.h>
 *
 *	int main(void)
 *	{
 *		char *p = malloc(16);
 *
 *		if (likely(p != NULL)) {
 *			free(p);
 *			return 0;
 *		}
 *		return 1;
 *	}
 */
#if HAVE_BUILTIN_EXPECT
#define likely(cond) __builtin_expect(!!(cond), 1)
#else
#define likely(cond) (!!(cond))
#endif

/**
 * unlikely - tell the compiler a condition is usually false
 * @cond: the condition, evaluated exactly once
 *
 * Evaluates to 1 if @cond is true, else 0; the false path is laid out as
 * the common one.  Error checks are the usual use.
 *
 * Example:
 *	#include <ccan/compiler/compiler.h>
 *	#include <stdio.h>
 *
 *	int main(int argc, char *argv[])
 *	{
 *		(void)argv;
 *		if (unlikely(argc > 100)) {
 *			fprintf(stderr, "too many arguments\n");
 *			return 1;
 *		}
 *		return 0;
 *	}
 */
#if HAVE_BUILTIN_EXPECT
#define unlikely(cond) __builtin_expect(!!(cond), 0)
#else
#define unlikely(cond) (!!(cond))
#endif

#endif /* CCAN_COMPILER_H */
