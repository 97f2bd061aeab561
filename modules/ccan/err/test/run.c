/* Test the fallback implementations, whatever config.h says. */
#include "config.h"
#undef HAVE_ERR_H
#define HAVE_ERR_H 0
#include <ccan/err/err.c>
#include <ccan/tap/tap.h>
#include <errno.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

enum action { DO_ERR, DO_ERRX, DO_WARN, DO_WARNX };

/* Run one call in a child; returns exit status, stderr text in buf. */
static int run(enum action act, char *buf, size_t len)
{
	int fds[2], status;
	size_t done = 0;
	ssize_t n;
	pid_t pid;

	if (pipe(fds) != 0)
		return -1;
	fflush(stdout);
	pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0) {
		close(fds[0]);
		dup2(fds[1], STDERR_FILENO);
		close(fds[1]);
		err_set_progname("prog");
		errno = ENOENT;
		switch (act) {
		case DO_ERR:
			err(17, "bad %s", "thing");
		case DO_ERRX:
			errx(18, "bad %d", 2);
		case DO_WARN:
			warn("careful %c", 'x');
			exit(errno == ENOENT ? 19 : 0);
		case DO_WARNX:
			warnx("careful");
			exit(20);
		}
		exit(0);
	}
	close(fds[1]);
	/* The message may arrive in several pieces. */
	while ((n = read(fds[0], buf + done, len - 1 - done)) > 0)
		done += n;
	buf[done] = '\0';
	close(fds[0]);
	if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status))
		return -1;
	return WEXITSTATUS(status);
}

int main(void)
{
	char out[4][512], expect[2][512];
	int status[4];
	enum action act;

	/*
	 * Run the children before tap is set up: err() exits through
	 * exit(), which would run tap's exit handler in the child.
	 */
	for (act = DO_ERR; act <= DO_WARNX; act++)
		status[act] = run(act, out[act], sizeof(out[act]));

	plan_tests(8);
	sprintf(expect[0], "prog: bad thing: %s\n", strerror(ENOENT));
	sprintf(expect[1], "prog: careful x: %s\n", strerror(ENOENT));
	ok1(status[DO_ERR] == 17);
	ok1(strcmp(out[DO_ERR], expect[0]) == 0);
	ok1(status[DO_ERRX] == 18);
	ok1(strcmp(out[DO_ERRX], "prog: bad 2\n") == 0);
	ok1(status[DO_WARN] == 19);
	ok1(strcmp(out[DO_WARN], expect[1]) == 0);
	ok1(status[DO_WARNX] == 20);
	ok1(strcmp(out[DO_WARNX], "prog: careful\n") == 0);
	return exit_status();
}
