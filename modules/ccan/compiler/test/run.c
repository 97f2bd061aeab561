#include <ccan/compiler/compiler.h>
#include <ccan/tap/tap.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

static CONST_FUNCTION int twice(int x)
{
	return x * 2;
}

static PURE_FUNCTION int first_char(const char *s)
{
	return s[0];
}

static UNNEEDED int never_called(void)
{
	return 1;
}

static NEEDED int kept = 5;

static COLD PRINTF_FMT(2, 3) int format(char *buf, const char *fmt, ...)
{
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = vsprintf(buf, fmt, ap);
	va_end(ap);
	return r;
}

static WARN_UNUSED_RESULT int answer(int unused UNUSED)
{
	return 42;
}

int main(int argc, char *argv[])
{
	char buf[32];

	(void)argv;
#if !HAVE_ATTRIBUTE_UNUSED
	/* Without the attribute, the compiler would warn; use it. */
	(void)never_called;
#endif
	plan_tests(11);
	ok1(twice(4) == 8);
	ok1(first_char("q") == 'q');
	ok1(kept == 5);
	ok1(format(buf, "%d-%s", 7, "x") == 3);
	ok1(answer(0) == 42);
	ok1(likely(argc + 2) == 1);
	ok1(likely(0) == 0);
	ok1(unlikely(argc + 2) == 1);
	ok1(unlikely(0) == 0);
	ok1(IS_COMPILE_CONSTANT(argc) == 0);
#if HAVE_BUILTIN_CONSTANT_P
	ok1(IS_COMPILE_CONSTANT(sizeof(int)) == 1);
#else
	ok1(IS_COMPILE_CONSTANT(sizeof(int)) == 0);
#endif
	return exit_status();
}
