/* CC0 (Public domain) - see LICENSE file for details */
#ifndef CCAN_CONTAINER_OF_H
#define CCAN_CONTAINER_OF_H
#include "config.h"
#include <stddef.h>
#include <ccan/check_type/check_type.h>

/**
 * container_off - byte offset of a member within its structure
 * @containing_type: the structure type
 * @member: the name of the member within @containing_type
 *
 * This is offsetof() under a name matching the other macros here.
 *
 * Example:
 *	#include <ccan/container_of/container_of.h>
 *
 *	struct pair {
 *		char tag;
 *		long value;
 *	};
 *
 *	int main(void)
 *	{
 *		return container_off(struct pair, tag) == 0 ? 0 : 1;
 *	}
 */
#define container_off(containing_type, member)				\
	offsetof(containing_type, member)

/**
 * container_of - get a pointer to the enclosing structure
 * @member_ptr: pointer to the member
 * @containing_type: the type of the enclosing structure
 * @member: the name of the member within @containing_type
 *
 * Given a pointer to a member of a structure, returns a pointer to the
 * structure itself.  The type of *@member_ptr is checked against the
 * declared type of @member where the compiler allows.
 *
 * Example:
 *	#include <ccan/container_of/container_of.h>
 *
 *	struct item {
 *		int weight;
 *		int id;
 *	};
 *
 *	static int id_of_weight(int *w)
 *	{
 *		return container_of(w, struct item, weight)->id;
 *	}
 *
 *	int main(void)
 *	{
 *		struct item it = { 5, 0 };
 *
 *		return id_of_weight(&it.weight);
 *	}
 */
#define container_of(member_ptr, containing_type, member)		\
	((containing_type *)						\
	 ((char *)(member_ptr)						\
	  - container_off(containing_type, member))			\
	 + check_types_match(*(member_ptr), ((containing_type *)0)->member))

/**
 * container_off_var - byte offset of a member, given a container variable
 * @var: a pointer of the containing structure's type
 * @member: the name of the member
 *
 * Like container_off(), but the structure type is taken from @var, which
 * need not point anywhere valid.  Without typeof support, @var is read,
 * so it should be initialized.
 *
 * Example:
 *	#include <ccan/container_of/container_of.h>
 *
 *	struct pair {
 *		char tag;
 *		long value;
 *	};
 *
 *	int main(void)
 *	{
 *		struct pair *p = NULL;
 *
 *		return container_off_var(p, value) > 0 ? 0 : 1;
 *	}
 */
#if HAVE_TYPEOF
#define container_off_var(var, member)					\
	container_off(typeof(*(var)), member)
#else
#define container_off_var(var, member)					\
	((size_t)((const char *)&(var)->member - (const char *)(var)))
#endif

/**
 * container_of_var - get the enclosing structure, typed like a variable
 * @member_ptr: pointer to the member
 * @container_var: a pointer variable of the containing structure's type
 * @member: the name of the member
 *
 * Like container_of(), but takes the structure type from @container_var,
 * which saves repeating the type name.  The result has the type of
 * @container_var only when typeof is available; otherwise it is a
 * void pointer.
 *
 * Example:
 *	#include <ccan/container_of/container_of.h>
 *
 *	struct item {
 *		int weight;
 *		int id;
 *	};
 *
 *	static struct item *item_of(int *w)
 *	{
 *		struct item *it = NULL;
 *
 *		it = container_of_var(w, it, weight);
 *		return it;
 *	}
 *
 *	int main(void)
 *	{
 *		struct item x = { 1, 2 };
 *
 *		return item_of(&x.weight) == &x ? 0 : 1;
 *	}
 */
#if HAVE_TYPEOF
#define container_of_var(member_ptr, container_var, member)		\
	container_of(member_ptr, typeof(*(container_var)), member)
#else
#define container_of_var(member_ptr, container_var, member)		\
	((void *)((char *)(member_ptr)					\
		  - container_off_var(container_var, member)))
#endif

#endif /* CCAN_CONTAINER_OF_H */
