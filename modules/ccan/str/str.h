/* CC0 (Public domain) - see LICENSE file for details */
#ifndef CCAN_STR_H
#define CCAN_STR_H
#include "config.h"
#include <stdbool.h>
#include <stddef.h>
#include <string.h>

/**
 * streq - are two strings equal?
 * @a: the first NUL-terminated string
 * @b: the second NUL-terminated string
 *
 * Easier to read, and harder to get backwards, than strcmp() == 0.
 *
 * Example:
 *	#include <ccan/str/str.h>
 *
 *	int main(int argc, char *argv[])
 *	{
 *		if (argc > 1 && streq(argv[1], "--quiet"))
 *			return 1;
 *		return 0;
 *	}
 */
static inline bool streq(const char *a, const char *b)
{
	return strcmp(a, b) == 0;
}

/**
 * strstarts - does a string start with a given prefix?
 * @str: the NUL-terminated string to examine
 * @prefix: the NUL-terminated prefix to look for
 *
 * Every string starts with the empty prefix.
 *
 * Example:
 *	#include <ccan/str/str.h>
 *	#include <stdio.h>
 *
 *	static void show_setting(const char *line)
 *	{
 *		if (strstarts(line, "set "))
 *			printf("setting: %s\n", line + 4);
 *	}
 *
 *	int main(void)
 *	{
 *		show_setting("set colour=blue");
 *		return 0;
 *	}
 *	// outputs "setting: colour=blue\n"
 */
static inline bool strstarts(const char *str, const char *prefix)
{
	return strncmp(str, prefix, strlen(prefix)) == 0;
}

/**
 * strends - does a string end with a given suffix?
 * @str: the NUL-terminated string to examine
 * @postfix: the NUL-terminated suffix to look for
 *
 * Every string ends with the empty suffix.
 *
 * Example:
 *	#include <ccan/str/str.h>
 *
 *	static bool is_header(const char *filename)
 *	{
 *		return strends(filename, ".h");
 *	}
 *
 *	int main(void)
 *	{
 *		return is_header("str.h") ? 0 : 1;
 *	}
 */
static inline bool strends(const char *str, const char *postfix)
{
	size_t len = strlen(str), plen = strlen(postfix);

	return len >= plen && memcmp(str + len - plen, postfix, plen) == 0;
}

/**
 * stringify - turn a macro's expansion into a string literal
 * @expr: the text (typically a macro) to turn into a string
 *
 * Unlike the bare # operator, macros in @expr are expanded first.
 *
 * Example:
 *	#include <ccan/str/str.h>
 *	#include <stdio.h>
 *
 *	#define VERSION_MAJOR 3
 *
 *	int main(void)
 *	{
 *		printf("version " stringify(VERSION_MAJOR) "\n");
 *		return 0;
 *	}
 *	// outputs "version 3\n"
 */
#define stringify(expr)		stringify_text_(expr)
#define stringify_text_(expr)	#expr

/**
 * strcount - count the occurrences of one string within another
 * @haystack: the NUL-terminated string to search
 * @needle: the NUL-terminated string to count
 *
 * Occurrences are counted without overlapping: "aaaa" contains "aa" twice.
 * An empty @needle is counted as occurring zero times.
 *
 * Example:
 *	#include <ccan/str/str.h>
 *	#include <stdio.h>
 *
 *	int main(void)
 *	{
 *		printf("%zu commas\n", strcount("a,b,c,d", ","));
 *		return 0;
 *	}
 *	// outputs "3 commas\n"
 */
size_t strcount(const char *haystack, const char *needle);

/* Define CCAN_STR_DEBUG to 1 to enable the checked string.h/ctype.h. */
#ifndef CCAN_STR_DEBUG
#define CCAN_STR_DEBUG 0
#endif
#include <ccan/str/str_debug.h>

#endif /* CCAN_STR_H */
