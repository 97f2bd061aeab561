/* MIT (BSD) license - see LICENSE file for details */
#include <ccan/tap/tap.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Descriptions longer than this are truncated. */
#define TAP_TEXT_MAX 1024

void (*tap_fail_callback)(void) = NULL;

static struct {
	unsigned int planned;
	unsigned int run;
	unsigned int failed;
	int have_plan;
	int no_plan;
	int skip_all;
	int exit_hook;
	int in_todo;
	char todo[TAP_TEXT_MAX];
} tap;

static void tap_vformat(char *buf, const char *fmt, va_list ap)
{
	vsnprintf(buf, TAP_TEXT_MAX, fmt, ap);
}

static void tap_at_exit(void)
{
	fflush(stdout);
	if (tap.skip_all)
		return;
	if (tap.no_plan)
		printf("1..%u\n", tap.run);
	else if (tap.run != tap.planned)
		diag("Looks like you planned %u tests but ran %u.",
		     tap.planned, tap.run);
	if (tap.failed)
		diag("Looks like you failed %u tests of %u.",
		     tap.failed, tap.run);
	fflush(stdout);
}

static void tap_set_plan(void)
{
	if (tap.have_plan) {
		diag("A test plan was already given; giving up.");
		exit(255);
	}
	tap.have_plan = 1;
	if (!tap.exit_hook) {
		tap.exit_hook = 1;
		atexit(tap_at_exit);
	}
}

void plan_tests(unsigned int tests)
{
	tap_set_plan();
	tap.planned = tests;
	printf("1..%u\n", tests);
	fflush(stdout);
}

void plan_no_plan(void)
{
	tap_set_plan();
	tap.no_plan = 1;
}

void plan_skip_all(const char *reason)
{
	tap_set_plan();
	tap.skip_all = 1;
	printf("1..0 # SKIP %s\n", reason);
	fflush(stdout);
}

static int all_digits(const char *s)
{
	if (!*s)
		return 0;
	for (; *s; s++)
		if (*s < '0' || *s > '9')
			return 0;
	return 1;
}

unsigned int tap_result_(int passed, const char *func, const char *file,
			 unsigned int line, const char *fmt, ...)
{
	char name[TAP_TEXT_MAX];
	const char *p;
	va_list ap;

	va_start(ap, fmt);
	tap_vformat(name, fmt, ap);
	va_end(ap);

	tap.run++;
	printf("%sok %u", passed ? "" : "not ", tap.run);
	if (name[0]) {
		printf(" - ");
		for (p = name; *p; p++) {
			if (*p == '#')
				putchar('\\');
			putchar(*p);
		}
	}
	if (tap.in_todo)
		printf(" # TODO %s", tap.todo);
	printf("\n");
	fflush(stdout);

	if (all_digits(name))
		diag("    Test %u is named only with digits (%s); that is"
		     " confusing in TAP output.", tap.run, name);

	if (!passed) {
		diag("    Failed %stest (%s:%s() at line %u)",
		     tap.in_todo ? "(TODO) " : "", file, func, line);
		if (!tap.in_todo) {
			tap.failed++;
			if (tap_fail_callback)
				tap_fail_callback();
		}
	}
	return passed ? 1 : 0;
}

int diag(const char *fmt, ...)
{
	char msg[TAP_TEXT_MAX];
	va_list ap;

	va_start(ap, fmt);
	tap_vformat(msg, fmt, ap);
	va_end(ap);

	fflush(stdout);
	return fprintf(stderr, "# %s\n", msg);
}

void skip(unsigned int n, const char *fmt, ...)
{
	char reason[TAP_TEXT_MAX];
	va_list ap;

	va_start(ap, fmt);
	tap_vformat(reason, fmt, ap);
	va_end(ap);

	while (n--) {
		tap.run++;
		printf("ok %u # skip %s\n", tap.run, reason);
	}
	fflush(stdout);
}

void todo_start(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	tap_vformat(tap.todo, fmt, ap);
	va_end(ap);
	tap.in_todo = 1;
}

void todo_end(void)
{
	tap.in_todo = 0;
	tap.todo[0] = '\0';
}

int exit_status(void)
{
	unsigned int r;

	if (tap.skip_all)
		return 0;
	if (!tap.have_plan || tap.no_plan)
		r = tap.failed;
	else if (tap.run > tap.planned)
		r = tap.run - tap.planned;
	else
		r = tap.failed + (tap.planned - tap.run);

	return r > 255 ? 255 : (int)r;
}
