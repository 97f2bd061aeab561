#include <ccan/list/list.h>
#include <ccan/list/list.c>
#include <ccan/tap/tap.h>

struct child {
	const char *name;
	struct list_node list;
};

struct parent {
	const char *name;
	struct list_head children;
	unsigned int num_children;
};

static LIST_HEAD(static_list);

int main(void)
{
	struct parent parent;
	struct child c1, c2, c3, *c, *n;
	unsigned int i;
	struct list_head list = LIST_HEAD_INIT(list);
	LIST_HEAD(other);

	plan_tests(48);
	ok1(list_empty(&static_list));
	ok1(list_check(&static_list, NULL));
	ok1(list_empty(&list));
	ok1(list_check(&list, NULL));

	parent.num_children = 0;
	list_head_init(&parent.children);
	ok1(list_empty(&parent.children));
	ok1(list_top(&parent.children, struct child, list) == NULL);
	ok1(list_tail(&parent.children, struct child, list) == NULL);
	ok1(list_pop(&parent.children, struct child, list) == NULL);

	c2.name = "c2";
	list_add(&parent.children, &c2.list);
	/* Children: c2 */
	ok1(!list_empty(&parent.children));
	ok1(c2.list.next == &parent.children.n);
	ok1(c2.list.prev == &parent.children.n);
	ok1(list_check(&parent.children, NULL));

	c1.name = "c1";
	list_add(&parent.children, &c1.list);
	/* Children: c1 c2 */
	ok1(parent.children.n.next == &c1.list);
	ok1(c1.list.next == &c2.list);
	ok1(list_check(&parent.children, NULL));

	c3.name = "c3";
	list_add_tail(&parent.children, &c3.list);
	/* Children: c1 c2 c3 */
	ok1(parent.children.n.prev == &c3.list);
	ok1(c2.list.next == &c3.list);
	ok1(list_check(&parent.children, NULL));

	ok1(list_top(&parent.children, struct child, list) == &c1);
	ok1(list_tail(&parent.children, struct child, list) == &c3);

	i = 0;
	list_for_each(&parent.children, c, list) {
		switch (i++) {
		case 0:
			ok1(c == &c1);
			break;
		case 1:
			ok1(c == &c2);
			break;
		case 2:
			ok1(c == &c3);
			break;
		}
		if (i > 2)
			break;
	}
	ok1(i == 3);

	i = 0;
	list_for_each_rev(&parent.children, c, list) {
		switch (i++) {
		case 0:
			ok1(c == &c3);
			break;
		case 1:
			ok1(c == &c2);
			break;
		case 2:
			ok1(c == &c1);
			break;
		}
		if (i > 2)
			break;
	}
	ok1(i == 3);

	/* Move them all to another list, and back. */
	list_append_list(&other, &parent.children);
	ok1(list_empty(&parent.children));
	ok1(list_top(&other, struct child, list) == &c1);
	ok1(list_tail(&other, struct child, list) == &c3);
	ok1(list_check(&other, NULL) && list_check(&parent.children, NULL));
	list_append_list(&other, &parent.children);
	ok1(list_check(&other, NULL) && list_empty(&parent.children));
	list_append_list(&parent.children, &other);
	ok1(list_empty(&other));

	i = 0;
	list_for_each_safe(&parent.children, c, n, list) {
		switch (i++) {
		case 0:
			ok1(c == &c1);
			list_del(&c->list);
			break;
		case 1:
			ok1(c == &c2);
			list_del_from(&parent.children, &c->list);
			break;
		case 2:
			ok1(c == &c3);
			list_del_from(&parent.children, &c->list);
			break;
		}
		ok1(list_check(&parent.children, NULL));
		if (i > 2)
			break;
	}
	ok1(i == 3);
	ok1(list_empty(&parent.children));

	/* Deleted nodes point to themselves; deleting again is harmless. */
	ok1(c1.list.next == &c1.list && c1.list.prev == &c1.list);
	list_del(&c1.list);
	list_node_init(&c2.list);
	ok1(c2.list.next == &c2.list);

	list_add(&parent.children, &c1.list);
	list_add(&parent.children, &c2.list);
	ok1(list_pop(&parent.children, struct child, list) == &c2);
	ok1(list_pop(&parent.children, struct child, list) == &c1);
	ok1(list_pop(&parent.children, struct child, list) == NULL);

	ok1(list_find_node_(&parent.children, &c1.list) == NULL);
	return exit_status();
}
