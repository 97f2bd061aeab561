/* CC0 (Public domain) - see LICENSE file for details */
#include <ccan/str/hex/hex.h>

static const char hex_digits[] = "0123456789abcdef";

/* Returns the value of a hex digit, or -1. */
static int hex_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

bool hex_encode(const void *buf, size_t bufsize, char *dest, size_t destsize)
{
	const unsigned char *p = buf;
	size_t i;

	if (destsize < hex_str_size(bufsize))
		return false;

	for (i = 0; i < bufsize; i++) {
		*dest++ = hex_digits[p[i] >> 4];
		*dest++ = hex_digits[p[i] & 0xF];
	}
	*dest = '\0';
	return true;
}

bool hex_decode(const char *str, size_t slen, void *buf, size_t bufsize)
{
	unsigned char *p = buf;
	size_t i;

	if (slen != 2 * bufsize)
		return false;

	for (i = 0; i < bufsize; i++) {
		int hi = hex_value(str[2 * i]), lo = hex_value(str[2 * i + 1]);

		if (hi < 0 || lo < 0)
			return false;
		p[i] = (unsigned char)(hi << 4 | lo);
	}
	return true;
}
