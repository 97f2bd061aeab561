/* CC0 (Public domain) - see LICENSE file for details */
#ifndef CCAN_ERR_H
#define CCAN_ERR_H
#include "config.h"
#include <ccan/compiler/compiler.h>

/**
 * err_set_progname - set the program name used in messages
 * @name: the program name, usually argv[0]; must stay valid
 *
 * The fallback implementations cannot discover the program's name by
 * themselves, so call this at the start of main().  With the system's
 * <err.h> it does nothing.
 *
 * Example:
 *	#include <ccan/err/err.h>
 *
 *	int main(int argc, char *argv[])
 *	{
 *		err_set_progname(argv[0]);
 *		if (argc > 3)
 *			errx(1, "too many arguments");
 *		return 0;
 *	}
 */
void err_set_progname(const char *name);

/**
 * err - print a message and the errno description, then exit
 * @eval: the exit status
 * @fmt: printf-style format string, followed by its arguments
 *
 * Prints "progname: message: strerror(errno)" and a newline on standard
 * error, then calls exit(@eval).
 *
 * Example:
 *	#include <ccan/err/err.h>
 *	#include <stdlib.h>
 *
 *	int main(void)
 *	{
 *		char *buf = malloc(100);
 *
 *		if (!buf)
 *			err(1, "allocating %d bytes", 100);
 *		free(buf);
 *		return 0;
 *	}
 */

/**
 * errx - print a message, then exit
 * @eval: the exit status
 * @fmt: printf-style format string, followed by its arguments
 *
 * Like err(), but without the errno description.
 *
 * Example:
 *	#include <ccan/err/err.h>
 *
 *	int main(int argc, char *argv[])
 *	{
 *		(void)argv;
 *		if (argc > 2)
 *			errx(2, "expected at most %d argument", 1);
 *		return 0;
 *	}
 */

/**
 * warn - print a message and the errno description
 * @fmt: printf-style format string, followed by its arguments
 *
 * Like err(), but returns instead of exiting.
 *
 * Example:
 *	#include <ccan/err/err.h>
 *	#include <unistd.h>
 *
 *	int main(void)
 *	{
 *		if (unlink("/nonexistent/file") != 0)
 *			warn("could not remove %s", "/nonexistent/file");
 *		return 0;
 *	}
 */

/**
 * warnx - print a message
 * @fmt: printf-style format string, followed by its arguments
 *
 * Like warn(), but without the errno description.
 *
 * Example:
 *	#include <ccan/err/err.h>
 *
 *	int main(int argc, char *argv[])
 *	{
 *		(void)argv;
 *		if (argc > 1)
 *			warnx("ignoring %d extra arguments", argc - 1);
 *		return 0;
 *	}
 */
#if HAVE_ERR_H
#include <err.h>
#else
#define err ccan_err
#define errx ccan_errx
#define warn ccan_warn
#define warnx ccan_warnx

void NORETURN ccan_err(int eval, const char *fmt, ...) PRINTF_FMT(2, 3);
void NORETURN ccan_errx(int eval, const char *fmt, ...) PRINTF_FMT(2, 3);
void ccan_warn(const char *fmt, ...) PRINTF_FMT(1, 2);
void ccan_warnx(const char *fmt, ...) PRINTF_FMT(1, 2);
#endif

#endif /* CCAN_ERR_H */
