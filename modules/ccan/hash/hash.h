/* CC0 (Public domain) - see LICENSE file for details */
#ifndef CCAN_HASH_H
#define CCAN_HASH_H
#include "config.h"
#include <stddef.h>
#include <stdint.h>
#include <ccan/build_assert/build_assert.h>

/**
 * hash - hash an array of objects to 32 bits
 * @p: pointer to the first object
 * @num: the number of objects (not bytes!)
 * @base: a starting value; use 0, or a different value to get a
 *	different hash function of the same data
 *
 * Hashes the bytes of @num objects of type *@p.  Beware of hashing
 * structures with padding: the padding bytes are hashed too.
 *
 * Example:
 *	#include <ccan/hash/hash.h>
 *
 *	static uint32_t hash_coords(const int xyz[3])
 *	{
 *		return hash(xyz, 3, 0);
 *	}
 *
 *	int main(void)
 *	{
 *		int a[3] = { 1, 2, 3 }, b[3] = { 1, 2, 3 };
 *
 *		return hash_coords(a) == hash_coords(b) ? 0 : 1;
 *	}
 */
#define hash(p, num, base) hash_any((p), (num) * sizeof(*(p)), (base))

/**
 * hash64 - hash an array of objects to 64 bits
 * @p: pointer to the first object
 * @num: the number of objects (not bytes!)
 * @base: a 64-bit starting value
 *
 * As hash(), but returns all 64 bits of the internal state.
 *
 * Example:
 *	#include <ccan/hash/hash.h>
 *
 *	int main(void)
 *	{
 *		double weights[2] = { 0.5, 1.5 };
 *
 *		return hash64(weights, 2, 0) == hash64(weights, 1, 0);
 *	}
 */
#define hash64(p, num, base) hash64_any((p), (num) * sizeof(*(p)), (base))

/**
 * hash_any - hash a region of memory to 32 bits
 * @key: the start of the memory
 * @length: the number of bytes
 * @base: a starting value
 *
 * Usually used through hash().
 *
 * Example:
 *	#include <ccan/hash/hash.h>
 *
 *	int main(void)
 *	{
 *		char buf[10] = "abcdefghi";
 *
 *		return hash_any(buf, 3, 0) == hash_any("abc", 3, 0) ? 0 : 1;
 *	}
 */
uint32_t hash_any(const void *key, size_t length, uint32_t base);

/**
 * hash64_any - hash a region of memory to 64 bits
 * @key: the start of the memory
 * @length: the number of bytes
 * @base: a 64-bit starting value
 *
 * Usually used through hash64().
 *
 * Example:
 *	#include <ccan/hash/hash.h>
 *
 *	int main(void)
 *	{
 *		return hash64_any("x", 1, 1) != hash64_any("x", 1, 2) ? 0 : 1;
 *	}
 */
uint64_t hash64_any(const void *key, size_t length, uint64_t base);

/**
 * hash_string - hash a NUL-terminated string to 32 bits
 * @string: the string (the terminating NUL is not hashed)
 *
 * Equal strings give equal results: this is hash_any(string,
 * strlen(string), 0).
 *
 * Example:
 *	#include <ccan/hash/hash.h>
 *	#include <stdio.h>
 *
 *	int main(void)
 *	{
 *		printf("%s\n", hash_string("abc") == hash_any("abc", 3, 0)
 *		       ? "same" : "different");
 *		return 0;
 *	}
 *	// outputs "same\n"
 */
uint32_t hash_string(const char *string);

/**
 * hash_pointer - hash a pointer value to 32 bits
 * @p: the pointer (only its value is used; it is not dereferenced)
 * @base: a starting value
 *
 * Useful for hash tables keyed on object identity.
 *
 * Example:
 *	#include <ccan/hash/hash.h>
 *
 *	static int objects[4];
 *
 *	int main(void)
 *	{
 *		return hash_pointer(&objects[0], 0) % 8 < 8 ? 0 : 1;
 *	}
 */
uint32_t hash_pointer(const void *p, uint32_t base);

#endif /* CCAN_HASH_H */
