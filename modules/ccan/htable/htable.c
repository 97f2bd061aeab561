/* MIT (BSD) license - see LICENSE file for details */
#include <ccan/htable/htable.h>
#include <stdint.h>
#include <stdlib.h>

/* Slots holding this address once held an element which was deleted. */
static char htable_deleted_slot;
#define HTABLE_DELETED ((void *)&htable_deleted_slot)

#define HTABLE_MIN_BITS 3

static size_t htable_size(const struct htable *ht)
{
	return ht->table ? (size_t)1 << ht->bits : 0;
}

static bool htable_valid(const void *slot)
{
	return slot != NULL && slot != HTABLE_DELETED;
}

void htable_init(struct htable *ht,
		 size_t (*rehash)(const void *elem, void *priv), void *priv)
{
	struct htable empty = HTABLE_INITIALIZER(empty, rehash, priv);

	*ht = empty;
}

void htable_clear(struct htable *ht)
{
	free(ht->table);
	htable_init(ht, ht->rehash, ht->priv);
}

/* Place p in the first free slot of its probe sequence. */
static void htable_place(void **table, unsigned int bits, size_t hash,
			 void *p)
{
	size_t mask = ((size_t)1 << bits) - 1, off = hash & mask;

	while (table[off] != NULL)
		off = (off + 1) & mask;
	table[off] = p;
}

/* Rebuild the table large enough for one more element. */
static bool htable_rebuild(struct htable *ht)
{
	unsigned int bits = ht->table ? ht->bits : HTABLE_MIN_BITS;
	void **table;
	size_t i;

	/* After rebuilding, the table is at most half full. */
	while ((ht->elems + 1) * 2 > (size_t)1 << bits)
		bits++;

	table = calloc((size_t)1 << bits, sizeof(*table));
	if (!table)
		return false;

	for (i = 0; i < htable_size(ht); i++) {
		if (htable_valid(ht->table[i]))
			htable_place(table, bits, ht->rehash(ht->table[i],
							     ht->priv),
				     ht->table[i]);
	}
	free(ht->table);
	ht->table = table;
	ht->bits = bits;
	ht->deleted = 0;
	return true;
}

bool htable_add(struct htable *ht, size_t hash, const void *p)
{
	if (!p)
		return false;

	/* Keep at least a quarter of the slots truly empty. */
	if ((ht->elems + ht->deleted + 1) * 4 > htable_size(ht) * 3) {
		if (!htable_rebuild(ht))
			return false;
	}
	htable_place(ht->table, ht->bits, hash, (void *)(uintptr_t)p);
	ht->elems++;
	return true;
}

void *htable_firstval(const struct htable *ht, struct htable_iter *i,
		      size_t hash)
{
	if (!ht->table) {
		i->off = 0;
		return NULL;
	}
	i->off = (hash - 1) & (htable_size(ht) - 1);
	return htable_nextval(ht, i, hash);
}

void *htable_nextval(const struct htable *ht, struct htable_iter *i,
		     size_t hash)
{
	size_t mask = htable_size(ht) - 1;

	if (!ht->table)
		return NULL;

	for (i->off = (i->off + 1) & mask;
	     ht->table[i->off] != NULL;
	     i->off = (i->off + 1) & mask) {
		void *p = ht->table[i->off];

		if (p != HTABLE_DELETED && ht->rehash(p, ht->priv) == hash)
			return p;
	}
	return NULL;
}

void *htable_get(const struct htable *ht, size_t hash,
		 bool (*cmp)(const void *candidate, const void *key),
		 const void *key)
{
	struct htable_iter i;
	void *p;

	for (p = htable_firstval(ht, &i, hash); p;
	     p = htable_nextval(ht, &i, hash)) {
		if (cmp(p, key))
			return p;
	}
	return NULL;
}

void htable_delval(struct htable *ht, struct htable_iter *i)
{
	ht->table[i->off] = HTABLE_DELETED;
	ht->elems--;
	ht->deleted++;
}

bool htable_del(struct htable *ht, size_t hash, const void *p)
{
	struct htable_iter i;
	void *e;

	for (e = htable_firstval(ht, &i, hash); e;
	     e = htable_nextval(ht, &i, hash)) {
		if (e == p) {
			htable_delval(ht, &i);
			return true;
		}
	}
	return false;
}

void *htable_first(const struct htable *ht, struct htable_iter *i)
{
	i->off = (size_t)-1;
	return htable_next(ht, i);
}

void *htable_next(const struct htable *ht, struct htable_iter *i)
{
	for (i->off++; i->off < htable_size(ht); i->off++) {
		if (htable_valid(ht->table[i->off]))
			return ht->table[i->off];
	}
	return NULL;
}
