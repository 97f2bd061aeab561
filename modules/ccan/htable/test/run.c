#include <stdlib.h>
#include <stdbool.h>
#include <stddef.h>

/* Let the test make allocation fail. */
static bool fail_alloc;
static void *test_calloc(size_t n, size_t size)
{
	if (fail_alloc)
		return NULL;
	return calloc(n, size);
}
#define calloc test_calloc
#include <ccan/htable/htable.h>
#include <ccan/htable/htable.c>
#undef calloc
#include <ccan/hash/hash.h>
#include <ccan/tap/tap.h>

#define NUM 1000

struct obj {
	unsigned int key;
	bool seen;
};

/* Deliberately weak: only 64 distinct hashes, so chains collide. */
static size_t weak_hash(unsigned int key)
{
	return key % 64;
}

static size_t rehash_obj(const void *elem, void *priv)
{
	unsigned int *calls = priv;

	(*calls)++;
	return weak_hash(((const struct obj *)elem)->key);
}

static bool obj_eq(const void *candidate, const void *key)
{
	return ((const struct obj *)candidate)->key == *(const unsigned int *)key;
}

static struct obj *find(const struct htable *ht, unsigned int key)
{
	return htable_get(ht, weak_hash(key), obj_eq, &key);
}

static unsigned int count_all(const struct htable *ht)
{
	struct htable_iter it;
	unsigned int n = 0;
	struct obj *o;

	for (o = htable_first(ht, &it); o; o = htable_next(ht, &it))
		n++;
	return n;
}

int main(void)
{
	static struct obj objs[NUM];
	struct htable ht;
	struct htable_iter it;
	struct obj *o;
	unsigned int i, calls = 0, n;
	bool ok;

	plan_tests(25);

	htable_init(&ht, rehash_obj, &calls);
	ok1(htable_count(&ht) == 0);
	ok1(htable_first(&ht, &it) == NULL);
	ok1(htable_firstval(&ht, &it, 0) == NULL);
	ok1(htable_nextval(&ht, &it, 0) == NULL);
	ok1(find(&ht, 1) == NULL);
	ok1(!htable_del(&ht, 0, &objs[0]));
	ok1(!htable_add(&ht, 0, NULL));

	/* Allocation failure leaves the table untouched. */
	fail_alloc = true;
	ok1(!htable_add(&ht, 0, &objs[0]));
	fail_alloc = false;
	ok1(htable_count(&ht) == 0 && ht.table == NULL);

	ok = true;
	for (i = 0; i < NUM; i++) {
		objs[i].key = i;
		if (!htable_add(&ht, weak_hash(i), &objs[i]))
			ok = false;
	}
	ok1(ok);
	ok1(htable_count(&ht) == NUM);
	ok1(calls > 0);
	ok1(count_all(&ht) == NUM);

	ok = true;
	for (i = 0; i < NUM; i++)
		if (find(&ht, i) != &objs[i])
			ok = false;
	ok1(ok);
	ok1(find(&ht, NUM) == NULL);

	/* Growing fails: table still intact. */
	fail_alloc = true;
	n = 0;
	while (htable_add(&ht, weak_hash(objs[0].key), &objs[0]))
		n++;
	fail_alloc = false;
	ok1(htable_count(&ht) == NUM + n);
	ok = true;
	while (n--)
		if (!htable_del(&ht, weak_hash(0), &objs[0]))
			ok = false;
	ok1(ok);
	ok1(find(&ht, 0) == &objs[0]);

	/* Delete the odd ones via htable_del, evens via iteration. */
	ok = true;
	for (i = 1; i < NUM; i += 2)
		if (!htable_del(&ht, weak_hash(i), &objs[i]))
			ok = false;
	ok1(ok);
	ok1(!htable_del(&ht, weak_hash(1), &objs[1]));
	for (o = htable_first(&ht, &it); o; o = htable_next(&ht, &it))
		if (o->key % 4 == 0)
			htable_delval(&ht, &it);
	ok1(htable_count(&ht) == NUM / 4);

	/* Every remaining object is found; each once via firstval. */
	ok = true;
	for (i = 0; i < NUM; i++) {
		bool want = (i % 4 == 2);
		if ((find(&ht, i) != NULL) != want)
			ok = false;
	}
	ok1(ok);
	n = 0;
	for (o = htable_firstval(&ht, &it, 2); o;
	     o = htable_nextval(&ht, &it, 2)) {
		o->seen = true;
		n++;
	}
	ok1(n == NUM / 64 + 1);

	/* Re-adding reuses deleted slots, triggering a same-size rebuild. */
	ok = true;
	for (i = 0; i < NUM; i++) {
		if (i % 4 != 2 && !htable_add(&ht, weak_hash(i), &objs[i]))
			ok = false;
	}
	ok1(ok && htable_count(&ht) == NUM && count_all(&ht) == NUM);

	htable_clear(&ht);
	ok1(htable_count(&ht) == 0 && htable_first(&ht, &it) == NULL);
	return exit_status();
}
