#include <ccan/hash/hash.h>
#include <ccan/hash/hash.c>
#include <ccan/tap/tap.h>
#include <stdbool.h>

/* How many of the 32 output bits change when one input bit flips? */
static unsigned int bits_differ(uint32_t a, uint32_t b)
{
	uint32_t x = a ^ b;
	unsigned int n = 0;

	while (x) {
		n += x & 1;
		x >>= 1;
	}
	return n;
}

int main(void)
{
	unsigned char buf[64] = { 0 };
	uint32_t ints[4] = { 1, 2, 3, 4 };
	uint32_t h0, total = 0;
	unsigned int i, used = 0, min_diff = 32, max_diff = 0;
	bool buckets[256] = { false };
	static int objs[256];

	plan_tests(15);

	/* Deterministic. */
	ok1(hash_any("hello", 5, 0) == hash_any("hello", 5, 0));
	ok1(hash_string("hello") == hash_any("hello", 5, 0));
	ok1(hash(ints, 4, 0) == hash_any(ints, sizeof(ints), 0));
	ok1(hash64(ints, 4, 7) == hash64_any(ints, sizeof(ints), 7));

	/* Base, length and content all matter. */
	ok1(hash_any("hello", 5, 0) != hash_any("hello", 5, 1));
	ok1(hash_any(buf, 1, 0) != hash_any(buf, 2, 0));
	ok1(hash_any("", 0, 0) != hash_any("", 0, 1));
	ok1(hash_string("ab") != hash_string("ba"));
	ok1(hash64_any("x", 1, 0) != hash64_any("y", 1, 0));

	/* Avalanche: flipping any single input bit changes many output bits. */
	h0 = hash_any(buf, sizeof(buf), 0);
	for (i = 0; i < sizeof(buf) * 8; i++) {
		unsigned int d;

		buf[i / 8] ^= (unsigned char)(1 << (i % 8));
		d = bits_differ(h0, hash_any(buf, sizeof(buf), 0));
		buf[i / 8] ^= (unsigned char)(1 << (i % 8));
		if (d < min_diff)
			min_diff = d;
		if (d > max_diff)
			max_diff = d;
		total += d;
	}
	ok1(min_diff >= 4);
	ok1(max_diff <= 28);
	ok1(total / (sizeof(buf) * 8) >= 14 && total / (sizeof(buf) * 8) <= 18);

	/* Adjacent pointers spread over many buckets. */
	for (i = 0; i < 256; i++)
		buckets[hash_pointer(&objs[i], 0) % 256] = true;
	for (i = 0; i < 256; i++)
		used += buckets[i];
	ok1(used > 128);
	ok1(hash_pointer(objs, 0) != hash_pointer(objs, 1));
	ok1(hash_pointer(NULL, 0) == hash_pointer(NULL, 0));

	return exit_status();
}
