/* MIT (BSD) license - see LICENSE file for details */
#ifndef CCAN_LIST_H
#define CCAN_LIST_H
#include "config.h"
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <ccan/check_type/check_type.h>
#include <ccan/container_of/container_of.h>
#include <ccan/str/str.h>

/**
 * struct list_node - the link embedded in every object on a list
 * @next: the next node (or the head's node at the end of the list)
 * @prev: the previous node (or the head's node at the start of the list)
 *
 * Embed this in your structure and pass its address to list_add() and
 * friends.
 *
 * Example:
 *	#include <ccan/list/list.h>
 *
 *	struct child {
 *		const char *name;
 *		struct list_node list;
 *	};
 *
 *	int main(void)
 *	{
 *		struct child c = { "alice" };
 *
 *		list_node_init(&c.list);
 *		return 0;
 *	}
 */
struct list_node {
	struct list_node *next, *prev;
};

/**
 * struct list_head - the head of a list
 * @n: the node linking the first and last entries
 *
 * An empty list's node points to itself in both directions.
 *
 * Example:
 *	#include <ccan/list/list.h>
 *
 *	struct parent {
 *		const char *name;
 *		struct list_head children;
 *	};
 *
 *	int main(void)
 *	{
 *		struct parent p = { "bob" };
 *
 *		list_head_init(&p.children);
 *		return list_empty(&p.children) ? 0 : 1;
 *	}
 */
struct list_head {
	struct list_node n;
};

/**
 * LIST_LOC - a string naming the current source location
 *
 * Used to identify the caller in consistency-check messages.
 *
 * Example:
 *	#include <ccan/list/list.h>
 *	#include <stdio.h>
 *
 *	int main(void)
 *	{
 *		printf("at %s\n", LIST_LOC);
 *		return 0;
 *	}
 */
#define LIST_LOC __FILE__ ":" stringify(__LINE__)

/**
 * list_check - check the consistency of a list
 * @h: the list head
 * @abortstr: NULL to return quietly, or a prefix for an error message
 *
 * Walks the whole list checking that every node's neighbours point back
 * at it.  Returns @h if the list is consistent.  Otherwise, if @abortstr
 * is NULL it returns NULL; if not, it prints a message starting with
 * @abortstr to standard error and aborts.
 *
 * Example:
 *	#include <ccan/list/list.h>
 *
 *	int main(void)
 *	{
 *		LIST_HEAD(l);
 *
 *		return list_check(&l, NULL) ? 0 : 1;
 *	}
 */
struct list_head *list_check(const struct list_head *h, const char *abortstr);

#ifndef CCAN_LIST_DEBUG
#define CCAN_LIST_DEBUG 0
#endif
#if CCAN_LIST_DEBUG
#define list_debug_(h, loc) list_check((h), (loc))
#else
#define list_debug_(h, loc) ((void)(loc), (h))
#endif

/**
 * LIST_HEAD_INIT - initializer for an empty list
 * @name: the name of the struct list_head variable being initialized
 *
 * Example:
 *	#include <ccan/list/list.h>
 *
 *	static struct list_head things = LIST_HEAD_INIT(things);
 *
 *	int main(void)
 *	{
 *		return list_empty(&things) ? 0 : 1;
 *	}
 */
#define LIST_HEAD_INIT(name) { { &(name).n, &(name).n } }

/**
 * LIST_HEAD - define and initialize an empty list
 * @name: the name of the variable to define
 *
 * Example:
 *	#include <ccan/list/list.h>
 *
 *	int main(void)
 *	{
 *		LIST_HEAD(todo);
 *
 *		return list_empty(&todo) ? 0 : 1;
 *	}
 */
#define LIST_HEAD(name) struct list_head name = LIST_HEAD_INIT(name)

/**
 * list_head_init - make a list head empty
 * @h: the list head
 *
 * Example:
 *	#include <ccan/list/list.h>
 *	#include <stdlib.h>
 *
 *	int main(void)
 *	{
 *		struct list_head *h = malloc(sizeof(*h));
 *
 *		if (!h)
 *			return 1;
 *		list_head_init(h);
 *		free(h);
 *		return 0;
 *	}
 */
static inline void list_head_init(struct list_head *h)
{
	h->n.next = h->n.prev = &h->n;
}

/**
 * list_node_init - make a node point to itself
 * @n: the node
 *
 * A node does not need initializing before list_add(); this only gives it
 * a harmless value, so that list_del() on it is safe.
 *
 * Example:
 *	#include <ccan/list/list.h>
 *
 *	int main(void)
 *	{
 *		struct list_node n;
 *
 *		list_node_init(&n);
 *		list_del(&n);
 *		return 0;
 *	}
 */
static inline void list_node_init(struct list_node *n)
{
	n->next = n->prev = n;
}

static inline void list_insert_(struct list_node *n, struct list_node *prev,
				struct list_node *next)
{
	n->next = next;
	n->prev = prev;
	prev->next = n;
	next->prev = n;
}

/**
 * list_add - add an entry at the start of a list
 * @h: the list head
 * @n: the node of the entry to add
 *
 * Example:
 *	#include <ccan/list/list.h>
 *
 *	struct msg {
 *		int urgent;
 *		struct list_node list;
 *	};
 *
 *	int main(void)
 *	{
 *		LIST_HEAD(inbox);
 *		struct msg m = { 1 };
 *
 *		list_add(&inbox, &m.list);
 *		return list_empty(&inbox) ? 1 : 0;
 *	}
 */
#define list_add(h, n) list_add_at_((h), (n), LIST_LOC)
static inline void list_add_at_(struct list_head *h, struct list_node *n,
				const char *loc)
{
	list_insert_(n, &h->n, h->n.next);
	(void)list_debug_(h, loc);
}

/**
 * list_add_tail - add an entry at the end of a list
 * @h: the list head
 * @n: the node of the entry to add
 *
 * Example:
 *	#include <ccan/list/list.h>
 *
 *	struct msg {
 *		int urgent;
 *		struct list_node list;
 *	};
 *
 *	int main(void)
 *	{
 *		LIST_HEAD(inbox);
 *		struct msg a = { 0 }, b = { 1 };
 *
 *		list_add_tail(&inbox, &a.list);
 *		list_add_tail(&inbox, &b.list);
 *		return list_tail(&inbox, struct msg, list) == &b ? 0 : 1;
 *	}
 */
#define list_add_tail(h, n) list_add_tail_at_((h), (n), LIST_LOC)
static inline void list_add_tail_at_(struct list_head *h, struct list_node *n,
				     const char *loc)
{
	list_insert_(n, h->n.prev, &h->n);
	(void)list_debug_(h, loc);
}

/**
 * list_empty - is a list empty?
 * @h: the list head
 *
 * Example:
 *	#include <ccan/list/list.h>
 *	#include <stdio.h>
 *
 *	int main(void)
 *	{
 *		LIST_HEAD(l);
 *
 *		printf("%s\n", list_empty(&l) ? "empty" : "full");
 *		return 0;
 *	}
 *	// outputs "empty\n"
 */
#define list_empty(h) list_empty_at_((h), LIST_LOC)
static inline bool list_empty_at_(const struct list_head *h, const char *loc)
{
	(void)list_debug_(h, loc);
	return h->n.next == &h->n;
}

/**
 * list_del - remove an entry from whatever list it is on
 * @n: the node of the entry
 *
 * The node is left pointing to itself, so deleting it again is harmless.
 *
 * Example:
 *	#include <ccan/list/list.h>
 *
 *	struct msg {
 *		int urgent;
 *		struct list_node list;
 *	};
 *
 *	int main(void)
 *	{
 *		LIST_HEAD(inbox);
 *		struct msg m = { 0 };
 *
 *		list_add(&inbox, &m.list);
 *		list_del(&m.list);
 *		return list_empty(&inbox) ? 0 : 1;
 *	}
 */
static inline void list_del(struct list_node *n)
{
	n->next->prev = n->prev;
	n->prev->next = n->next;
	list_node_init(n);
}

/**
 * list_del_from - remove an entry from a known list
 * @h: the list head the entry is on
 * @n: the node of the entry
 *
 * Like list_del(), but in debug mode also checks that @n really is on @h.
 *
 * Example:
 *	#include <ccan/list/list.h>
 *
 *	struct msg {
 *		int urgent;
 *		struct list_node list;
 *	};
 *
 *	int main(void)
 *	{
 *		LIST_HEAD(inbox);
 *		struct msg m = { 0 };
 *
 *		list_add(&inbox, &m.list);
 *		list_del_from(&inbox, &m.list);
 *		return list_empty(&inbox) ? 0 : 1;
 *	}
 */
#define list_del_from(h, n) list_del_from_at_((h), (n), LIST_LOC)
struct list_node *list_find_node_(const struct list_head *h,
				  const struct list_node *n);
static inline void list_del_from_at_(struct list_head *h, struct list_node *n,
				     const char *loc)
{
#if CCAN_LIST_DEBUG
	if (!list_find_node_(list_check(h, loc), n))
		list_check(NULL, loc);
#else
	(void)h;
	(void)loc;
#endif
	list_del(n);
}

/* Offset of member, checking that it is a struct list_node. */
#define list_off_(type, member)						\
	(container_off(type, member)					\
	 + check_type(((type *)0)->member, struct list_node))

/* Going through uintptr_t drops the const without a cast warning. */
static inline void *list_node_to_(const struct list_node *n, size_t off)
{
	return (void *)((uintptr_t)n - off);
}

static inline void *list_top_(const struct list_head *h, size_t off)
{
	if (h->n.next == &h->n)
		return NULL;
	return list_node_to_(h->n.next, off);
}

static inline void *list_tail_(const struct list_head *h, size_t off)
{
	if (h->n.prev == &h->n)
		return NULL;
	return list_node_to_(h->n.prev, off);
}

static inline void *list_pop_(struct list_head *h, size_t off)
{
	struct list_node *n = h->n.next;

	if (n == &h->n)
		return NULL;
	list_del(n);
	return list_node_to_(n, off);
}

/**
 * list_top - the first entry of a list, or NULL
 * @h: the list head
 * @type: the type of the entries
 * @member: the name of the struct list_node member within @type
 *
 * Example:
 *	#include <ccan/list/list.h>
 *
 *	struct job {
 *		int id;
 *		struct list_node list;
 *	};
 *
 *	int main(void)
 *	{
 *		LIST_HEAD(jobs);
 *		struct job j = { 7 };
 *		struct job *first;
 *
 *		list_add(&jobs, &j.list);
 *		first = list_top(&jobs, struct job, list);
 *		return first->id == 7 ? 0 : 1;
 *	}
 */
#define list_top(h, type, member)					\
	((type *)list_top_(list_debug_((h), LIST_LOC), list_off_(type, member)))

/**
 * list_tail - the last entry of a list, or NULL
 * @h: the list head
 * @type: the type of the entries
 * @member: the name of the struct list_node member within @type
 *
 * Example:
 *	#include <ccan/list/list.h>
 *
 *	struct job {
 *		int id;
 *		struct list_node list;
 *	};
 *
 *	int main(void)
 *	{
 *		LIST_HEAD(jobs);
 *
 *		return list_tail(&jobs, struct job, list) == NULL ? 0 : 1;
 *	}
 */
#define list_tail(h, type, member)					\
	((type *)list_tail_(list_debug_((h), LIST_LOC), list_off_(type, member)))

/**
 * list_pop - remove and return the first entry of a list, or NULL
 * @h: the list head
 * @type: the type of the entries
 * @member: the name of the struct list_node member within @type
 *
 * Example:
 *	#include <ccan/list/list.h>
 *
 *	struct job {
 *		int id;
 *		struct list_node list;
 *	};
 *
 *	static int run_all(struct list_head *jobs)
 *	{
 *		struct job *j;
 *		int n = 0;
 *
 *		while ((j = list_pop(jobs, struct job, list)) != NULL)
 *			n++;
 *		return n;
 *	}
 *
 *	int main(void)
 *	{
 *		LIST_HEAD(jobs);
 *		struct job a = { 1 }, b = { 2 };
 *
 *		list_add(&jobs, &a.list);
 *		list_add(&jobs, &b.list);
 *		return run_all(&jobs) == 2 ? 0 : 1;
 *	}
 */
#define list_pop(h, type, member)					\
	((type *)list_pop_(list_debug_((h), LIST_LOC), list_off_(type, member)))

/* Entry containing node n, typed like the iterator variable i. */
#if HAVE_TYPEOF
#define list_entry_(n, i, member)					\
	((typeof(i))list_node_to_((n), list_off_(typeof(*(i)), member)))
#else
#define list_entry_(n, i, member)					\
	list_node_to_((n), container_off_var(i, member))
#endif

/**
 * list_for_each - iterate over the entries of a list, first to last
 * @h: the list head
 * @i: a pointer variable of the entry type, set to each entry in turn
 * @member: the name of the struct list_node member within the entries
 *
 * The current entry must not be removed during the loop; see
 * list_for_each_safe() for that.
 *
 * Example:
 *	#include <ccan/list/list.h>
 *
 *	struct item {
 *		int value;
 *		struct list_node list;
 *	};
 *
 *	static int sum(struct list_head *items)
 *	{
 *		struct item *i;
 *		int total = 0;
 *
 *		list_for_each(items, i, list)
 *			total += i->value;
 *		return total;
 *	}
 *
 *	int main(void)
 *	{
 *		LIST_HEAD(items);
 *		struct item a = { 3 }, b = { 4 };
 *
 *		list_add(&items, &a.list);
 *		list_add(&items, &b.list);
 *		return sum(&items) == 7 ? 0 : 1;
 *	}
 */
#define list_for_each(h, i, member)					\
	for (i = NULL, i = list_entry_(list_debug_((h), LIST_LOC)->n.next, \
				       i, member);			\
	     &(i)->member != &(h)->n;					\
	     i = list_entry_((i)->member.next, i, member))

/**
 * list_for_each_rev - iterate over the entries of a list, last to first
 * @h: the list head
 * @i: a pointer variable of the entry type, set to each entry in turn
 * @member: the name of the struct list_node member within the entries
 *
 * Example:
 *	#include <ccan/list/list.h>
 *	#include <stdio.h>
 *
 *	struct item {
 *		int value;
 *		struct list_node list;
 *	};
 *
 *	int main(void)
 *	{
 *		LIST_HEAD(items);
 *		struct item a = { 1 }, b = { 2 }, *i;
 *
 *		list_add_tail(&items, &a.list);
 *		list_add_tail(&items, &b.list);
 *		list_for_each_rev(&items, i, list)
 *			printf("%d", i->value);
 *		printf("\n");
 *		return 0;
 *	}
 *	// outputs "21\n"
 */
#define list_for_each_rev(h, i, member)					\
	for (i = NULL, i = list_entry_(list_debug_((h), LIST_LOC)->n.prev, \
				       i, member);			\
	     &(i)->member != &(h)->n;					\
	     i = list_entry_((i)->member.prev, i, member))

/**
 * list_for_each_safe - iterate over a list, allowing removal
 * @h: the list head
 * @i: a pointer variable of the entry type, set to each entry in turn
 * @nxt: another variable of the same type, used as temporary storage
 * @member: the name of the struct list_node member within the entries
 *
 * The current entry may be removed (and freed) in the loop body.
 *
 * Example:
 *	#include <ccan/list/list.h>
 *	#include <stdlib.h>
 *
 *	struct item {
 *		int value;
 *		struct list_node list;
 *	};
 *
 *	static void free_all(struct list_head *items)
 *	{
 *		struct item *i, *next;
 *
 *		list_for_each_safe(items, i, next, list) {
 *			list_del(&i->list);
 *			free(i);
 *		}
 *	}
 *
 *	int main(void)
 *	{
 *		LIST_HEAD(items);
 *		struct item *it = malloc(sizeof(*it));
 *
 *		if (it)
 *			list_add(&items, &it->list);
 *		free_all(&items);
 *		return list_empty(&items) ? 0 : 1;
 *	}
 */
#define list_for_each_safe(h, i, nxt, member)				\
	for (i = NULL, i = list_entry_(list_debug_((h), LIST_LOC)->n.next, \
				       i, member),			\
	     nxt = list_entry_((i)->member.next, i, member);		\
	     &(i)->member != &(h)->n;					\
	     i = nxt, nxt = list_entry_((i)->member.next, i, member))

/**
 * list_append_list - move all entries of one list to the end of another
 * @to: the list to append to
 * @from: the list whose entries are moved; it is left empty
 *
 * Example:
 *	#include <ccan/list/list.h>
 *
 *	struct item {
 *		int value;
 *		struct list_node list;
 *	};
 *
 *	int main(void)
 *	{
 *		LIST_HEAD(done);
 *		LIST_HEAD(pending);
 *		struct item a = { 1 };
 *
 *		list_add(&pending, &a.list);
 *		list_append_list(&done, &pending);
 *		return list_empty(&pending) && !list_empty(&done) ? 0 : 1;
 *	}
 */
#define list_append_list(to, from)					\
	list_append_list_at_((to), (from), LIST_LOC)
static inline void list_append_list_at_(struct list_head *to,
					struct list_head *from,
					const char *loc)
{
	struct list_node *first = from->n.next, *last = from->n.prev;

	(void)list_debug_(to, loc);
	(void)list_debug_(from, loc);
	if (first == &from->n)
		return;
	last->next = &to->n;
	first->prev = to->n.prev;
	to->n.prev->next = first;
	to->n.prev = last;
	list_head_init(from);
}

#endif /* CCAN_LIST_H */
