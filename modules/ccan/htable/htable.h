/* MIT (BSD) license - see LICENSE file for details */
#ifndef CCAN_HTABLE_H
#define CCAN_HTABLE_H
#include "config.h"
#include <stdbool.h>
#include <stddef.h>
#include <ccan/compiler/compiler.h>

/**
 * struct htable - a hash table of pointers
 * @rehash: returns the hash of a stored element
 * @priv: passed through to @rehash
 * @bits: log2 of the number of slots (when @table is not NULL)
 * @elems: the number of elements stored
 * @deleted: the number of slots marked as deleted
 * @table: the slots: NULL (empty), a deleted marker, or an element
 *
 * Treat the members as private; use the functions below.
 *
 * Example:
 *	#include <ccan/htable/htable.h>
 *
 *	static size_t rehash_int(const void *elem, void *priv)
 *	{
 *		(void)priv;
 *		return *(const int *)elem;
 *	}
 *
 *	int main(void)
 *	{
 *		struct htable ht;
 *
 *		htable_init(&ht, rehash_int, NULL);
 *		htable_clear(&ht);
 *		return 0;
 *	}
 */
struct htable {
	size_t (*rehash)(const void *elem, void *priv);
	void *priv;
	unsigned int bits;
	size_t elems, deleted;
	void **table;
};

/**
 * struct htable_iter - position within a hash table
 * @off: the slot number
 *
 * Used by htable_first()/htable_next() and
 * htable_firstval()/htable_nextval().
 *
 * Example:
 *	#include <ccan/htable/htable.h>
 *
 *	static size_t count_all(const struct htable *ht)
 *	{
 *		struct htable_iter it;
 *		size_t n = 0;
 *		void *p;
 *
 *		for (p = htable_first(ht, &it); p; p = htable_next(ht, &it))
 *			n++;
 *		return n;
 *	}
 *
 *	int main(void)
 *	{
 *		struct htable ht = HTABLE_INITIALIZER(ht, NULL, NULL);
 *
 *		return (int)count_all(&ht);
 *	}
 */
struct htable_iter {
	size_t off;
};

/**
 * HTABLE_INITIALIZER - static initializer for an empty table
 * @name: the name of the struct htable being initialized
 * @rehash: the rehash function
 * @priv: the private pointer for @rehash
 *
 * Example:
 *	#include <ccan/htable/htable.h>
 *
 *	static size_t rehash_ptr(const void *elem, void *priv)
 *	{
 *		(void)priv;
 *		return (size_t)elem >> 4;
 *	}
 *
 *	static struct htable seen = HTABLE_INITIALIZER(seen, rehash_ptr, NULL);
 *
 *	int main(void)
 *	{
 *		return htable_count(&seen) == 0 ? 0 : 1;
 *	}
 */
#define HTABLE_INITIALIZER(name, rehash, priv)				\
	{ (rehash), (priv), 0, 0, 0, NULL }

/**
 * htable_init - initialize an empty hash table
 * @ht: the table
 * @rehash: returns the hash of an element previously added
 * @priv: passed as the second argument to @rehash
 *
 * No memory is allocated until the first htable_add().
 *
 * Example:
 *	#include <ccan/htable/htable.h>
 *
 *	static size_t rehash_int(const void *elem, void *priv)
 *	{
 *		(void)priv;
 *		return *(const int *)elem;
 *	}
 *
 *	int main(void)
 *	{
 *		struct htable ht;
 *
 *		htable_init(&ht, rehash_int, NULL);
 *		return htable_count(&ht) == 0 ? 0 : 1;
 *	}
 */
void htable_init(struct htable *ht,
		 size_t (*rehash)(const void *elem, void *priv), void *priv);

/**
 * htable_clear - empty a hash table and free its memory
 * @ht: the table
 *
 * The elements themselves are not touched.  The table can be used again
 * afterwards, as if freshly initialized.
 *
 * Example:
 *	#include <ccan/htable/htable.h>
 *
 *	static size_t rehash_int(const void *elem, void *priv)
 *	{
 *		(void)priv;
 *		return *(const int *)elem;
 *	}
 *
 *	int main(void)
 *	{
 *		static int one = 1;
 *		struct htable ht;
 *
 *		htable_init(&ht, rehash_int, NULL);
 *		if (!htable_add(&ht, 1, &one))
 *			return 1;
 *		htable_clear(&ht);
 *		return htable_count(&ht) == 0 ? 0 : 1;
 *	}
 */
void htable_clear(struct htable *ht);

/**
 * htable_count - the number of elements in a table
 * @ht: the table
 *
 * Example:
 *	#include <ccan/htable/htable.h>
 *
 *	int main(void)
 *	{
 *		struct htable ht = HTABLE_INITIALIZER(ht, NULL, NULL);
 *
 *		return (int)htable_count(&ht);
 *	}
 */
static inline size_t htable_count(const struct htable *ht)
{
	return ht->elems;
}

/**
 * htable_add - add an element to a table
 * @ht: the table
 * @hash: the element's hash, as the rehash function would return it
 * @p: the element (must not be NULL)
 *
 * Returns false if memory could not be allocated (the table is then
 * unchanged) or if @p is NULL.  The same element may be added more than
 * once.
 *
 * Example:
 *	#include <ccan/htable/htable.h>
 *
 *	static size_t rehash_int(const void *elem, void *priv)
 *	{
 *		(void)priv;
 *		return *(const int *)elem;
 *	}
 *
 *	int main(void)
 *	{
 *		static int nums[3] = { 10, 20, 30 };
 *		struct htable ht;
 *		int i;
 *
 *		htable_init(&ht, rehash_int, NULL);
 *		for (i = 0; i < 3; i++)
 *			if (!htable_add(&ht, nums[i], &nums[i]))
 *				return 1;
 *		htable_clear(&ht);
 *		return 0;
 *	}
 */
bool htable_add(struct htable *ht, size_t hash, const void *p)
	WARN_UNUSED_RESULT;

/**
 * htable_del - remove an element from a table
 * @ht: the table
 * @hash: the element's hash
 * @p: the element (compared by pointer)
 *
 * Returns true if @p was found and removed (one copy, if it was added
 * more than once), false otherwise.
 *
 * Example:
 *	#include <ccan/htable/htable.h>
 *
 *	static size_t rehash_int(const void *elem, void *priv)
 *	{
 *		(void)priv;
 *		return *(const int *)elem;
 *	}
 *
 *	int main(void)
 *	{
 *		static int five = 5;
 *		struct htable ht;
 *		bool removed;
 *
 *		htable_init(&ht, rehash_int, NULL);
 *		if (!htable_add(&ht, 5, &five))
 *			return 1;
 *		removed = htable_del(&ht, 5, &five);
 *		htable_clear(&ht);
 *		return removed ? 0 : 1;
 *	}
 */
bool htable_del(struct htable *ht, size_t hash, const void *p);

/**
 * htable_delval - remove the element an iterator is at
 * @ht: the table
 * @i: an iterator positioned on an element by htable_first(),
 *	htable_next(), htable_firstval() or htable_nextval()
 *
 * Iteration may continue afterwards with htable_next()/htable_nextval().
 *
 * Example:
 *	#include <ccan/htable/htable.h>
 *
 *	static size_t rehash_int(const void *elem, void *priv)
 *	{
 *		(void)priv;
 *		return *(const int *)elem;
 *	}
 *
 *	static void remove_negatives(struct htable *ht)
 *	{
 *		struct htable_iter it;
 *		int *p;
 *
 *		for (p = htable_first(ht, &it); p; p = htable_next(ht, &it))
 *			if (*p < 0)
 *				htable_delval(ht, &it);
 *	}
 *
 *	int main(void)
 *	{
 *		static int vals[2] = { -1, 1 };
 *		struct htable ht;
 *
 *		htable_init(&ht, rehash_int, NULL);
 *		if (!htable_add(&ht, (size_t)vals[0], &vals[0])
 *		    || !htable_add(&ht, (size_t)vals[1], &vals[1]))
 *			return 1;
 *		remove_negatives(&ht);
 *		htable_clear(&ht);
 *		return 0;
 *	}
 */
void htable_delval(struct htable *ht, struct htable_iter *i);

/**
 * htable_firstval - find the first element with a given hash
 * @ht: the table
 * @i: an iterator to initialize
 * @hash: the hash to look for
 *
 * Returns an element whose hash is @hash, or NULL.  Different keys may
 * share a hash, so the caller must still compare keys; continue with
 * htable_nextval().
 *
 * Example:
 *	#include <ccan/htable/htable.h>
 *
 *	static size_t rehash_int(const void *elem, void *priv)
 *	{
 *		(void)priv;
 *		return *(const int *)elem % 4;
 *	}
 *
 *	static int *find_int(const struct htable *ht, int key)
 *	{
 *		struct htable_iter it;
 *		int *p;
 *
 *		for (p = htable_firstval(ht, &it, key % 4); p;
 *		     p = htable_nextval(ht, &it, key % 4))
 *			if (*p == key)
 *				return p;
 *		return NULL;
 *	}
 *
 *	int main(void)
 *	{
 *		static int vals[2] = { 1, 5 };
 *		struct htable ht;
 *		int *found;
 *
 *		htable_init(&ht, rehash_int, NULL);
 *		if (!htable_add(&ht, 1, &vals[0]) || !htable_add(&ht, 1, &vals[1]))
 *			return 1;
 *		found = find_int(&ht, 5);
 *		htable_clear(&ht);
 *		return found == &vals[1] ? 0 : 1;
 *	}
 */
void *htable_firstval(const struct htable *ht, struct htable_iter *i,
		      size_t hash);

/**
 * htable_nextval - find the next element with a given hash
 * @ht: the table
 * @i: the iterator used with htable_firstval()
 * @hash: the same hash given to htable_firstval()
 *
 * Returns NULL when there are no more.
 *
 * Example:
 *	#include <ccan/htable/htable.h>
 *
 *	static size_t count_with_hash(const struct htable *ht, size_t hash)
 *	{
 *		struct htable_iter it;
 *		size_t n = 0;
 *		void *p;
 *
 *		for (p = htable_firstval(ht, &it, hash); p;
 *		     p = htable_nextval(ht, &it, hash))
 *			n++;
 *		return n;
 *	}
 *
 *	int main(void)
 *	{
 *		struct htable ht = HTABLE_INITIALIZER(ht, NULL, NULL);
 *
 *		return (int)count_with_hash(&ht, 42);
 *	}
 */
void *htable_nextval(const struct htable *ht, struct htable_iter *i,
		     size_t hash);

/**
 * htable_get - find an element matching a key
 * @ht: the table
 * @hash: the hash of the key
 * @cmp: returns true if @candidate matches @key
 * @key: the key, passed to @cmp
 *
 * Returns the first element with hash @hash for which @cmp returns true,
 * or NULL.
 *
 * Example:
 *	#include <ccan/htable/htable.h>
 *
 *	static size_t rehash_int(const void *elem, void *priv)
 *	{
 *		(void)priv;
 *		return *(const int *)elem;
 *	}
 *
 *	static bool int_eq(const void *candidate, const void *key)
 *	{
 *		return *(const int *)candidate == *(const int *)key;
 *	}
 *
 *	int main(void)
 *	{
 *		static int seven = 7;
 *		int key = 7;
 *		struct htable ht;
 *		int *found;
 *
 *		htable_init(&ht, rehash_int, NULL);
 *		if (!htable_add(&ht, 7, &seven))
 *			return 1;
 *		found = htable_get(&ht, 7, int_eq, &key);
 *		htable_clear(&ht);
 *		return found == &seven ? 0 : 1;
 *	}
 */
void *htable_get(const struct htable *ht, size_t hash,
		 bool (*cmp)(const void *candidate, const void *key),
		 const void *key);

/**
 * htable_first - start iterating over every element of a table
 * @ht: the table
 * @i: an iterator to initialize
 *
 * Returns an element, or NULL if the table is empty.  The order is
 * unspecified.  Adding elements during iteration may move them; deleting
 * with htable_delval() is safe.
 *
 * Example:
 *	#include <ccan/htable/htable.h>
 *	#include <stdio.h>
 *
 *	static void print_all(const struct htable *ht)
 *	{
 *		struct htable_iter it;
 *		const int *p;
 *
 *		for (p = htable_first(ht, &it); p; p = htable_next(ht, &it))
 *			printf("%d\n", *p);
 *	}
 *
 *	int main(void)
 *	{
 *		struct htable ht = HTABLE_INITIALIZER(ht, NULL, NULL);
 *
 *		print_all(&ht);
 *		return 0;
 *	}
 */
void *htable_first(const struct htable *ht, struct htable_iter *i);

/**
 * htable_next - continue iterating over every element of a table
 * @ht: the table
 * @i: the iterator used with htable_first()
 *
 * Returns the next element, or NULL when there are no more.
 *
 * Example:
 *	#include <ccan/htable/htable.h>
 *
 *	static size_t total_elements(const struct htable *ht)
 *	{
 *		struct htable_iter it;
 *		size_t n = 0;
 *		void *p;
 *
 *		for (p = htable_first(ht, &it); p; p = htable_next(ht, &it))
 *			n++;
 *		return n;
 *	}
 *
 *	int main(void)
 *	{
 *		struct htable ht = HTABLE_INITIALIZER(ht, NULL, NULL);
 *
 *		return (int)total_elements(&ht);
 *	}
 */
void *htable_next(const struct htable *ht, struct htable_iter *i);

#endif /* CCAN_HTABLE_H */
