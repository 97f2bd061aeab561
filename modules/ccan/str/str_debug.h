/* CC0 (Public domain) - see LICENSE file for details */
#ifndef CCAN_STR_DEBUG_H
#define CCAN_STR_DEBUG_H
#include "config.h"
#include <ctype.h>
#include <string.h>
#include <ccan/build_assert/build_assert.h>

/*
 * Checked replacements used when CCAN_STR_DEBUG is 1.  They live in str.c
 * and are always declared, so objects built with and without the checks
 * can be linked together.
 */
int str_isalnum(int i);
int str_isalpha(int i);
int str_isascii(int i);
int str_isblank(int i);
int str_iscntrl(int i);
int str_isdigit(int i);
int str_isgraph(int i);
int str_islower(int i);
int str_isprint(int i);
int str_ispunct(int i);
int str_isspace(int i);
int str_isupper(int i);
int str_isxdigit(int i);
char *str_strstr(const char *haystack, const char *needle);
char *str_strchr(const char *haystack, int c);
char *str_strrchr(const char *haystack, int c);

#if CCAN_STR_DEBUG
/*
 * A plain char may be negative, and the ctype functions only accept
 * values representable as unsigned char (or EOF).  Reject char arguments
 * at compile time where the compiler lets us tell; the str_is* functions
 * also check the value at run time.
 */
#if HAVE_BUILTIN_TYPES_COMPATIBLE_P && HAVE_TYPEOF
#define str_ctype_arg_(c)						\
	((c) + (int)BUILD_ASSERT_OR_ZERO(				\
		!__builtin_types_compatible_p(typeof(c), char)))
#else
#define str_ctype_arg_(c) (c)
#endif

#undef isalnum
#undef isalpha
#undef isascii
#undef isblank
#undef iscntrl
#undef isdigit
#undef isgraph
#undef islower
#undef isprint
#undef ispunct
#undef isspace
#undef isupper
#undef isxdigit
#define isalnum(c) str_isalnum(str_ctype_arg_(c))
#define isalpha(c) str_isalpha(str_ctype_arg_(c))
#define isascii(c) str_isascii(str_ctype_arg_(c))
#define isblank(c) str_isblank(str_ctype_arg_(c))
#define iscntrl(c) str_iscntrl(str_ctype_arg_(c))
#define isdigit(c) str_isdigit(str_ctype_arg_(c))
#define isgraph(c) str_isgraph(str_ctype_arg_(c))
#define islower(c) str_islower(str_ctype_arg_(c))
#define isprint(c) str_isprint(str_ctype_arg_(c))
#define ispunct(c) str_ispunct(str_ctype_arg_(c))
#define isspace(c) str_isspace(str_ctype_arg_(c))
#define isupper(c) str_isupper(str_ctype_arg_(c))
#define isxdigit(c) str_isxdigit(str_ctype_arg_(c))

/*
 * The C library versions take a const string and return a non-const
 * pointer into it.  These return a pointer of the same type as the
 * string passed in, so a const string yields a const result.
 */
#undef strstr
#undef strchr
#undef strrchr
#if HAVE_TYPEOF
#define strstr(haystack, needle)					\
	((typeof(&(haystack)[0]))str_strstr((haystack), (needle)))
#define strchr(haystack, c)						\
	((typeof(&(haystack)[0]))str_strchr((haystack), (c)))
#define strrchr(haystack, c)						\
	((typeof(&(haystack)[0]))str_strrchr((haystack), (c)))
#else
#define strstr(haystack, needle) str_strstr((haystack), (needle))
#define strchr(haystack, c) str_strchr((haystack), (c))
#define strrchr(haystack, c) str_strrchr((haystack), (c))
#endif
#endif /* CCAN_STR_DEBUG */

#endif /* CCAN_STR_DEBUG_H */
