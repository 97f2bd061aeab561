/* MIT (BSD) license - see LICENSE file for details */
#ifndef CCAN_TAP_H
#define CCAN_TAP_H
#include "config.h"

/**
 * plan_tests - announce how many tests will be run
 * @tests: the number of tests the program is going to run
 *
 * Call this once, before any test, so that the harness can tell a program
 * which stopped early from one which finished.  It prints the "1..N" plan
 * line.
 *
 * Example:
 *	#include <ccan/tap/tap.h>
 *
 *	int main(void)
 *	{
 *		plan_tests(1);
 *		ok1(2 + 2 == 4);
 *		return exit_status();
 *	}
 */
void plan_tests(unsigned int tests);

/**
 * ok1 - report a test result, naming it after its own expression
 * @e: the expression to test; non-zero means the test passed
 *
 * The text of @e becomes the test description, and a failure also reports
 * the file and line.  The value of the whole macro is 1 if the test passed,
 * 0 otherwise.
 *
 * Example:
 *	#include <ccan/tap/tap.h>
 *	#include <string.h>
 *
 *	int main(void)
 *	{
 *		plan_tests(2);
 *		ok1(strlen("four") == 4);
 *		ok1(strcmp("a", "b") < 0);
 *		return exit_status();
 *	}
 */
#define ok1(e)								\
	tap_result_(!!(e), __func__, __FILE__, __LINE__, "%s", #e)

/**
 * ok - report a test result with a formatted description
 * @e: the expression to test; non-zero means the test passed
 * @...: printf-style format string and arguments describing the test
 *
 * Like ok1(), but the caller chooses the description.
 *
 * Example:
 *	#include <ccan/tap/tap.h>
 *
 *	int main(void)
 *	{
 *		int i;
 *
 *		plan_tests(3);
 *		for (i = 0; i < 3; i++)
 *			ok(i * i >= i, "square of %d is not smaller", i);
 *		return exit_status();
 *	}
 */
#define ok(e, ...)							\
	tap_result_(!!(e), __func__, __FILE__, __LINE__, __VA_ARGS__)

/**
 * pass - report an unconditionally passing test
 * @...: printf-style format string and arguments describing the test
 *
 * Useful when reaching a point in the code is itself the test.
 *
 * Example:
 *	#include <ccan/tap/tap.h>
 *
 *	int main(void)
 *	{
 *		plan_tests(1);
 *		pass("reached the end of %s", "main");
 *		return exit_status();
 *	}
 */
#define pass(...) ok(1, __VA_ARGS__)

/**
 * fail - report an unconditionally failing test
 * @...: printf-style format string and arguments describing the test
 *
 * Useful when reaching a point in the code means something went wrong.
 *
 * Example:
 *	#include <ccan/tap/tap.h>
 *	#include <stdlib.h>
 *
 *	int main(void)
 *	{
 *		char *p = malloc(10);
 *
 *		plan_tests(1);
 *		if (p)
 *			pass("allocated");
 *		else
 *			fail("malloc returned %p", (void *)p);
 *		free(p);
 *		return exit_status();
 *	}
 */
#define fail(...) ok(0, __VA_ARGS__)

/* Implementation of ok(), ok1(), pass() and fail(); use those instead. */
unsigned int tap_result_(int passed, const char *func, const char *file,
			 unsigned int line, const char *fmt, ...)
#if HAVE_ATTRIBUTE_PRINTF
	__attribute__((format(printf, 5, 6)))
#endif
	;

/**
 * diag - print a diagnostic comment
 * @...: printf-style format string and arguments
 *
 * The message is printed on standard error prefixed with "# ", so a TAP
 * harness treats it as a comment.  A trailing newline is added.  Returns
 * the number of characters printed.
 *
 * Example:
 *	#include <ccan/tap/tap.h>
 *
 *	int main(void)
 *	{
 *		plan_tests(1);
 *		diag("checking the answer, which is %d", 42);
 *		ok1(6 * 7 == 42);
 *		return exit_status();
 *	}
 */
int diag(const char *fmt, ...)
#if HAVE_ATTRIBUTE_PRINTF
	__attribute__((format(printf, 1, 2)))
#endif
	;

/**
 * skip - count some tests as passed without running them
 * @n: how many tests to skip
 * @fmt: printf-style format string giving the reason, then its arguments
 *
 * Use this when tests cannot run in this environment.  Each skipped test
 * is printed as "ok N # skip reason".
 *
 * Example:
 *	#include <ccan/tap/tap.h>
 *	#include <unistd.h>
 *
 *	int main(void)
 *	{
 *		plan_tests(2);
 *		if (geteuid() == 0) {
 *			skip(2, "running as %s", "root");
 *		} else {
 *			ok1(access("/", R_OK) == 0);
 *			ok1(getuid() != 0);
 *		}
 *		return exit_status();
 *	}
 */
void skip(unsigned int n, const char *fmt, ...)
#if HAVE_ATTRIBUTE_PRINTF
	__attribute__((format(printf, 2, 3)))
#endif
	;

/**
 * todo_start - mark the following tests as expected to fail
 * @fmt: printf-style format string giving the reason, then its arguments
 *
 * Tests between todo_start() and todo_end() are marked "# TODO reason";
 * their failures are reported but do not count against exit_status().
 *
 * Example:
 *	#include <ccan/tap/tap.h>
 *
 *	static int unfinished(void)
 *	{
 *		return 0;
 *	}
 *
 *	int main(void)
 *	{
 *		plan_tests(1);
 *		todo_start("not written yet");
 *		ok1(unfinished() == 1);
 *		todo_end();
 *		return exit_status();
 *	}
 */
void todo_start(const char *fmt, ...)
#if HAVE_ATTRIBUTE_PRINTF
	__attribute__((format(printf, 1, 2)))
#endif
	;

/**
 * todo_end - end the block started by todo_start()
 *
 * Example:
 *	#include <ccan/tap/tap.h>
 *
 *	int main(void)
 *	{
 *		plan_tests(2);
 *		todo_start("known bug");
 *		ok1(1 + 1 == 3);
 *		todo_end();
 *		ok1(1 + 1 == 2);
 *		return exit_status();
 *	}
 */
void todo_end(void);

/**
 * exit_status - the value main() should return
 *
 * Without a plan this is the number of failed tests.  If more tests ran
 * than were planned it is the number of extra tests; otherwise it is the
 * number of failures plus the number of planned tests that never ran.
 * The result is capped at 255 so that it fits in an exit status.
 *
 * Example:
 *	#include <ccan/tap/tap.h>
 *
 *	int main(void)
 *	{
 *		plan_tests(1);
 *		pass("trivial");
 *		return exit_status();
 *	}
 */
int exit_status(void);

/**
 * plan_no_plan - run tests without announcing how many
 *
 * The "1..N" line is printed when the program exits instead.  This is
 * less robust than plan_tests(), since an early exit goes unnoticed.
 *
 * Example:
 *	#include <ccan/tap/tap.h>
 *
 *	int main(int argc, char *argv[])
 *	{
 *		int i;
 *
 *		plan_no_plan();
 *		for (i = 0; i < argc; i++)
 *			ok1(argv[i] != NULL);
 *		return exit_status();
 *	}
 */
void plan_no_plan(void);

/**
 * plan_skip_all - skip the whole test program
 * @reason: why nothing can be tested here
 *
 * Prints "1..0 # SKIP reason".  No tests may be run afterwards;
 * exit_status() then returns 0.
 *
 * Example:
 *	#include <ccan/tap/tap.h>
 *	#include <stdlib.h>
 *
 *	int main(void)
 *	{
 *		if (!getenv("HOME")) {
 *			plan_skip_all("no home directory");
 *			return exit_status();
 *		}
 *		plan_tests(1);
 *		ok1(getenv("HOME")[0] != '\0' || 1);
 *		return exit_status();
 *	}
 */
void plan_skip_all(const char *reason);

/**
 * tap_fail_callback - function called whenever a test fails
 *
 * Set this to a function to be told about every failing test (outside a
 * todo block); handy as a debugger breakpoint.  NULL by default.
 *
 * Example:
 *	#include <ccan/tap/tap.h>
 *	#include <stdio.h>
 *
 *	static unsigned int failures;
 *
 *	static void count_failure(void)
 *	{
 *		failures++;
 *	}
 *
 *	int main(void)
 *	{
 *		tap_fail_callback = count_failure;
 *		plan_tests(1);
 *		ok1(failures == 0);
 *		return exit_status();
 *	}
 */
extern void (*tap_fail_callback)(void);

#endif /* CCAN_TAP_H */
