#include <ccan/htable/htable.h>
#include <ccan/hash/hash.h>
#include <ccan/tap/tap.h>
#include <stdio.h>
#include <string.h>

static size_t rehash_str(const void *elem, void *priv)
{
	(void)priv;
	return hash_string(elem);
}

static bool str_eq(const void *candidate, const void *key)
{
	return strcmp(candidate, key) == 0;
}

int main(void)
{
	static char names[100][8];
	struct htable ht = HTABLE_INITIALIZER(ht, rehash_str, NULL);
	unsigned int i;
	bool ok = true;

	plan_tests(5);
	for (i = 0; i < 100; i++) {
		sprintf(names[i], "n%u", i);
		if (!htable_add(&ht, hash_string(names[i]), names[i]))
			ok = false;
	}
	ok1(ok);
	ok1(htable_count(&ht) == 100);
	ok1(htable_get(&ht, hash_string("n42"), str_eq, "n42") == names[42]);
	ok1(htable_get(&ht, hash_string("n100"), str_eq, "n100") == NULL);
	ok1(htable_del(&ht, hash_string(names[7]), names[7])
	    && htable_count(&ht) == 99);
	htable_clear(&ht);
	return exit_status();
}
