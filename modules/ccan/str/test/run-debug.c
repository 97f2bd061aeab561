#define CCAN_STR_DEBUG 1
#include <ccan/str/str.h>
#include <ccan/str/str.c>
#include <ccan/tap/tap.h>
#include <stdio.h>

int main(void)
{
	const char *cs = "hello world";
	char buf[] = "path/to/file";
	const char *cp;
	char *p;
	unsigned char uc = 'A';
	int i;

	plan_tests(24);

	ok1(isalnum(uc) && isalpha(uc) && isupper(uc) && isxdigit(uc));
	ok1(!isdigit(uc) && !islower(uc) && !isspace(uc));
	ok1(isgraph(uc) && isprint(uc) && !ispunct(uc) && !iscntrl(uc));
	ok1(isascii(uc) && !isblank(uc));
	ok1(isblank(' ') && isspace('\n') && ispunct('!') && iscntrl('\t'));
	ok1(isdigit('7') && islower('q') && !isalnum('-'));
	ok1(!isascii(200) && !isalpha(EOF) && !isascii(EOF));

	/* Every value from EOF to 255 is accepted, and agrees with libc. */
	for (i = EOF; i < 256; i++) {
		if (isalnum(i) != (isalnum)(i) || isspace(i) != (isspace)(i))
			break;
	}
	ok1(i == 256);

	cp = strstr(cs, "wor");
	ok1(cp == cs + 6);
	cp = strchr(cs, 'o');
	ok1(cp == cs + 4);
	cp = strrchr(cs, 'o');
	ok1(cp == cs + 7);
	ok1(strstr(cs, "xyz") == NULL);
	ok1(strchr(cs, 'z') == NULL);
	ok1(strrchr(cs, 'z') == NULL);

	/* Non-const strings give non-const results. */
	p = strrchr(buf, '/');
	ok1(p == buf + 7);
	*p = '\0';
	ok1(streq(buf, "path/to"));
	p = strchr(buf, '/');
	ok1(p == buf + 4);
	p = strstr(buf, "to");
	ok1(p == buf + 5);

	ok1(strcount("a/b/c", "/") == 2);
	ok1(str_strstr("abc", "c") != NULL);
	ok1(str_strchr("abc", 'b') != NULL);
	ok1(str_strrchr("abc", 'a') != NULL);
	ok1(str_isascii('x'));
	ok1(str_ctype_ok(EOF) && !str_ctype_ok(-2) && !str_ctype_ok(256));

	return exit_status();
}
