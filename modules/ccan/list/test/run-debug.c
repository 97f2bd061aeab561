#define CCAN_LIST_DEBUG 1
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

int main(void)
{
	LIST_HEAD(h);
	LIST_HEAD(other);
	struct item a = { 1, { NULL, NULL } }, b = { 2, { NULL, NULL } }, *i;
	int status, sum = 0;
	pid_t pid;

	plan_tests(6);
	list_add(&h, &a.list);
	list_add_tail(&h, &b.list);
	ok1(!list_empty(&h));
	list_for_each(&h, i, list)
		sum += i->v;
	ok1(sum == 3);
	ok1(list_top(&h, struct item, list) == &a);
	list_del_from(&h, &a.list);
	ok1(list_tail(&h, struct item, list) == &b);

	/* Deleting from the wrong list aborts in debug mode. */
	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		if (!freopen("/dev/null", "w", stderr))
			exit(2);
		signal(SIGABRT, abort_handler);
		list_del_from(&other, &b.list);
		exit(0);
	}
	ok1(pid > 0 && waitpid(pid, &status, 0) == pid
	    && WIFEXITED(status) && WEXITSTATUS(status) == 100 + SIGABRT);

	list_append_list(&other, &h);
	ok1(list_pop(&other, struct item, list) == &b);
	return exit_status();
}
