#include <ccan/compiler/compiler.h>
#include <stdarg.h>
#include <stdio.h>

static PRINTF_FMT(1, 2) void say(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
}

int main(void)
{
#ifdef FAIL
#if !HAVE_ATTRIBUTE_PRINTF
#error "Format checking needs the printf attribute"
#endif
	say("%s\n", 1);
#else
	say("%d\n", 1);
#endif
	return 0;
}
