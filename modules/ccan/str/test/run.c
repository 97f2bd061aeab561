#include <ccan/str/str.h>
#include <ccan/str/str.c>
#include <ccan/tap/tap.h>

#define SEVEN 7

int main(void)
{
	plan_tests(24);

	ok1(streq("", ""));
	ok1(streq("abc", "abc"));
	ok1(!streq("abc", "abd"));
	ok1(!streq("abc", "ab"));

	ok1(strstarts("abc", ""));
	ok1(strstarts("abc", "a"));
	ok1(strstarts("abc", "abc"));
	ok1(!strstarts("abc", "abcd"));
	ok1(!strstarts("abc", "b"));

	ok1(strends("abc", ""));
	ok1(strends("abc", "c"));
	ok1(strends("abc", "abc"));
	ok1(!strends("abc", "xabc"));
	ok1(!strends("abc", "b"));
	ok1(strends("", ""));

	ok1(streq(stringify(SEVEN), "7"));
	ok1(streq(stringify(a + b), "a + b"));

	ok1(strcount("", "a") == 0);
	ok1(strcount("abc", "") == 0);
	ok1(strcount("aaaa", "aa") == 2);
	ok1(strcount("aaaaa", "aa") == 2);
	ok1(strcount("a,b,,c", ",") == 3);
	ok1(strcount("abcabc", "abc") == 2);
	ok1(strcount("abc", "abcd") == 0);

	return exit_status();
}
