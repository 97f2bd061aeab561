/* CC0 (Public domain) - see LICENSE file for details */
#include <ccan/str/str.h>
#include <assert.h>
#include <stdio.h>

size_t strcount(const char *haystack, const char *needle)
{
	size_t count = 0, len = strlen(needle);

	if (len == 0)
		return 0;
	while ((haystack = strstr(haystack, needle)) != NULL) {
		count++;
		haystack += len;
	}
	return count;
}

/*
 * The debug wrappers.  A function name in parentheses is never expanded
 * as a function-like macro, so these always reach the C library.
 */
static int str_ctype_ok(int i)
{
	return i == EOF || (i >= 0 && i <= 255);
}

#define STR_CTYPE_WRAPPER(name)						\
	int str_##name(int i)						\
	{								\
		assert(str_ctype_ok(i));				\
		return (name)(i);					\
	}

STR_CTYPE_WRAPPER(isalnum)
STR_CTYPE_WRAPPER(isalpha)
STR_CTYPE_WRAPPER(isblank)
STR_CTYPE_WRAPPER(iscntrl)
STR_CTYPE_WRAPPER(isdigit)
STR_CTYPE_WRAPPER(isgraph)
STR_CTYPE_WRAPPER(islower)
STR_CTYPE_WRAPPER(isprint)
STR_CTYPE_WRAPPER(ispunct)
STR_CTYPE_WRAPPER(isspace)
STR_CTYPE_WRAPPER(isupper)
STR_CTYPE_WRAPPER(isxdigit)

/* isascii() is not in standard C, so do it by hand. */
int str_isascii(int i)
{
	assert(str_ctype_ok(i));
	return i >= 0 && i < 128;
}

char *str_strstr(const char *haystack, const char *needle)
{
	return (strstr)(haystack, needle);
}

char *str_strchr(const char *haystack, int c)
{
	return (strchr)(haystack, c);
}

char *str_strrchr(const char *haystack, int c)
{
	return (strrchr)(haystack, c);
}
