/* CC0 (Public domain) - see LICENSE file for details */
#ifndef CCAN_STR_HEX_H
#define CCAN_STR_HEX_H
#include "config.h"
#include <stdbool.h>
#include <stddef.h>
#include <ccan/compiler/compiler.h>

/**
 * hex_encode - write binary data as a hexadecimal string
 * @buf: the data to encode
 * @bufsize: the number of bytes at @buf
 * @dest: where to write the string
 * @destsize: the size of @dest, at least hex_str_size(@bufsize)
 *
 * Writes two lower-case hex digits per byte and a terminating NUL.
 * Returns false (writing nothing) if @dest is too small.
 *
 * Example:
 *	#include <ccan/str/hex/hex.h>
 *	#include <stdio.h>
 *
 *	static void print_key(const unsigned char key[16])
 *	{
 *		char str[hex_str_size(16)];
 *
 *		if (hex_encode(key, 16, str, sizeof(str)))
 *			printf("key %s\n", str);
 *	}
 *
 *	int main(void)
 *	{
 *		unsigned char key[16] = { 1, 2, 3 };
 *
 *		print_key(key);
 *		return 0;
 *	}
 */
bool hex_encode(const void *buf, size_t bufsize, char *dest, size_t destsize)
	WARN_UNUSED_RESULT;

/**
 * hex_decode - turn a hexadecimal string back into binary data
 * @str: the hex digits (upper or lower case); need not be NUL-terminated
 * @slen: the number of characters at @str, exactly 2 * @bufsize
 * @buf: where to write the data
 * @bufsize: the number of bytes to produce
 *
 * Returns false if @slen is not exactly twice @bufsize or if any
 * character is not a hex digit; @buf may then be partly written.
 *
 * Example:
 *	#include <ccan/str/hex/hex.h>
 *	#include <string.h>
 *
 *	static bool parse_id(const char *text, unsigned char id[8])
 *	{
 *		return hex_decode(text, strlen(text), id, 8);
 *	}
 *
 *	int main(void)
 *	{
 *		unsigned char id[8];
 *
 *		return parse_id("0123456789abcdef", id) ? 0 : 1;
 *	}
 */
bool hex_decode(const char *str, size_t slen, void *buf, size_t bufsize)
	WARN_UNUSED_RESULT;

/**
 * hex_str_size - buffer size needed to hex-encode some bytes
 * @bytes: the number of bytes of data
 *
 * This includes room for the terminating NUL.  It is a constant expression
 * when @bytes is, so it can size an array.
 *
 * Example:
 *	#include <ccan/str/hex/hex.h>
 *
 *	int main(void)
 *	{
 *		char str[hex_str_size(20)];
 *
 *		return sizeof(str) == 41 ? 0 : 1;
 *	}
 */
#define hex_str_size(bytes) (2 * (size_t)(bytes) + 1)

/**
 * hex_data_size - number of bytes encoded by some hex digits
 * @chars: the number of hex characters (without any NUL)
 *
 * Example:
 *	#include <ccan/str/hex/hex.h>
 *	#include <string.h>
 *
 *	int main(void)
 *	{
 *		const char *text = "00ff";
 *		unsigned char data[2];
 *
 *		if (hex_data_size(strlen(text)) != sizeof(data))
 *			return 1;
 *		return hex_decode(text, strlen(text), data, sizeof(data)) ? 0 : 1;
 *	}
 */
#define hex_data_size(chars) ((size_t)(chars) / 2)

#endif /* CCAN_STR_HEX_H */
