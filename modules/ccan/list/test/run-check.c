#include <ccan/list/list.h>
#include <ccan/list/list.c>
#include <ccan/tap/tap.h>
#include <signal.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

/* Exit normally on abort(), so coverage data is still written. */
static void abort_handler(int sig)
{
	exit(100 + sig);
}

struct item {
	int v;
	struct list_node list;
};

/* Run list_check with an abort string in a child; did it abort? */
static bool check_aborts(const struct list_head *h)
{
	int status;
	pid_t pid;

	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		/* Keep the expected message out of the test output. */
		if (!freopen("/dev/null", "w", stderr))
			exit(2);
		signal(SIGABRT, abort_handler);
		list_check(h, "test");
		exit(0);
	}
	if (pid < 0 || waitpid(pid, &status, 0) != pid)
		return false;
	return WIFEXITED(status) && WEXITSTATUS(status) == 100 + SIGABRT;
}

int main(void)
{
	LIST_HEAD(h);
	struct item a, b, c;
	struct list_node *saved;

	plan_tests(12);
	list_add_tail(&h, &a.list);
	list_add_tail(&h, &b.list);
	list_add_tail(&h, &c.list);
	ok1(list_check(&h, NULL) == &h);
	ok1(list_check(&h, "ok") == &h);
	ok1(list_find_node_(&h, &b.list) == &b.list);
	ok1(list_find_node_(NULL, &b.list) == NULL);

	/* Break a prev pointer. */
	saved = b.list.prev;
	b.list.prev = &c.list;
	ok1(list_check(&h, NULL) == NULL);
	ok1(check_aborts(&h));
	b.list.prev = saved;

	/* Break the head's prev pointer. */
	saved = h.n.prev;
	h.n.prev = &a.list;
	ok1(list_check(&h, NULL) == NULL);
	ok1(check_aborts(&h));
	h.n.prev = saved;

	/* A NULL next pointer. */
	saved = b.list.next;
	b.list.next = NULL;
	ok1(list_check(&h, NULL) == NULL);
	b.list.next = saved;

	/* A NULL head. */
	ok1(list_check(NULL, NULL) == NULL);
	ok1(check_aborts(NULL));

	ok1(list_check(&h, NULL) == &h);
	return exit_status();
}
