/* MIT (BSD) license - see LICENSE file for details */
#include <ccan/list/list.h>
#include <stdio.h>
#include <stdlib.h>

static struct list_head *list_corrupt(const char *abortstr, const char *what,
				      const struct list_node *node,
				      unsigned int count)
{
	if (abortstr) {
		fprintf(stderr, "%s: list corrupt: %s (node %p, entry %u)\n",
			abortstr, what, (const void *)node, count);
		abort();
	}
	return NULL;
}

struct list_head *list_check(const struct list_head *h, const char *abortstr)
{
	const struct list_node *n, *prev;
	unsigned int count = 0;

	if (!h)
		return list_corrupt(abortstr, "node not found on list",
				    NULL, 0);

	prev = &h->n;
	for (n = h->n.next; n != &h->n; n = n->next) {
		count++;
		if (!n)
			return list_corrupt(abortstr, "NULL next pointer",
					    prev, count);
		if (n->prev != prev)
			return list_corrupt(abortstr, "bad prev pointer",
					    n, count);
		prev = n;
	}
	if (h->n.prev != prev)
		return list_corrupt(abortstr, "bad head prev pointer",
				    &h->n, count);
	return (struct list_head *)(uintptr_t)h;
}

struct list_node *list_find_node_(const struct list_head *h,
				  const struct list_node *n)
{
	const struct list_node *i;

	if (!h)
		return NULL;
	for (i = h->n.next; i != &h->n; i = i->next)
		if (i == n)
			return (struct list_node *)(uintptr_t)i;
	return NULL;
}
