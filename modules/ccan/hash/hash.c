/* CC0 (Public domain) - see LICENSE file for details */
#include <ccan/hash/hash.h>
#include <string.h>

/* The published 64-bit FNV parameters. */
#define FNV64_OFFSET_BASIS 0xcbf29ce484222325ULL
#define FNV64_PRIME 0x100000001b3ULL

/* Spread every input bit over the whole result. */
static uint64_t hash_finalize(uint64_t h)
{
	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdULL;
	h ^= h >> 33;
	h *= 0xc4ceb9fe1a85ec53ULL;
	h ^= h >> 33;
	return h;
}

uint64_t hash64_any(const void *key, size_t length, uint64_t base)
{
	const unsigned char *p = key;
	uint64_t h = FNV64_OFFSET_BASIS ^ hash_finalize(base);
	size_t i;

	for (i = 0; i < length; i++) {
		h ^= p[i];
		h *= FNV64_PRIME;
	}
	/* Mixing in the length separates runs of zero bytes. */
	return hash_finalize(h ^ length);
}

uint32_t hash_any(const void *key, size_t length, uint32_t base)
{
	uint64_t h = hash64_any(key, length, base);

	return (uint32_t)(h ^ (h >> 32));
}

uint32_t hash_string(const char *string)
{
	return hash_any(string, strlen(string), 0);
}

uint32_t hash_pointer(const void *p, uint32_t base)
{
	uint64_t v = (uintptr_t)p;

	BUILD_ASSERT(sizeof(uintptr_t) <= sizeof(uint64_t));
	v = hash_finalize(v ^ hash_finalize((uint64_t)base + 1));
	return (uint32_t)(v ^ (v >> 32));
}
