/* CC0 (Public domain) - see LICENSE file for details */
#include <ccan/err/err.h>

static const char *err_progname = "";

void err_set_progname(const char *name)
{
	err_progname = name;
}

#if !HAVE_ERR_H
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* errnum < 0 means "don't describe errno". */
static void err_print(int errnum, const char *fmt, va_list ap)
{
	fflush(stdout);
	fprintf(stderr, "%s: ", err_progname);
	vfprintf(stderr, fmt, ap);
	if (errnum >= 0)
		fprintf(stderr, ": %s", strerror(errnum));
	fprintf(stderr, "\n");
}

void ccan_err(int eval, const char *fmt, ...)
{
	int errnum = errno;
	va_list ap;

	va_start(ap, fmt);
	err_print(errnum, fmt, ap);
	va_end(ap);
	exit(eval);
}

void ccan_errx(int eval, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	err_print(-1, fmt, ap);
	va_end(ap);
	exit(eval);
}

void ccan_warn(const char *fmt, ...)
{
	int errnum = errno;
	va_list ap;

	va_start(ap, fmt);
	err_print(errnum, fmt, ap);
	va_end(ap);
	errno = errnum;
}

void ccan_warnx(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	err_print(-1, fmt, ap);
	va_end(ap);
}
#endif /* !HAVE_ERR_H */
