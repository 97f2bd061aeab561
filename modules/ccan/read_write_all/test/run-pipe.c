#include <ccan/read_write_all/read_write_all.h>
#include <ccan/read_write_all/read_write_all.c>
#include <ccan/tap/tap.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

/* Much bigger than a pipe buffer, so writes must be partial. */
#define BIG (1024 * 1024)

int main(void)
{
	static char out[BIG], in[BIG];
	int fds[2], status;
	pid_t pid;
	size_t i;
	char c;

	for (i = 0; i < BIG; i++)
		out[i] = (char)(i * 7);

	plan_tests(8);
	ok1(pipe(fds) == 0);
	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		close(fds[0]);
		/* _exit: do not run tap's exit handler in the child. */
		_exit(write_all(fds[1], out, BIG) ? 0 : 1);
	}
	close(fds[1]);
	ok1(read_all(fds[0], in, BIG));
	ok1(memcmp(in, out, BIG) == 0);
	/* Writer is done: reading more hits end of file. */
	ok1(!read_all(fds[0], &c, 1) && errno == 0);
	ok1(waitpid(pid, &status, 0) == pid && WIFEXITED(status)
	    && WEXITSTATUS(status) == 0);
	close(fds[0]);

	/* Writing to a pipe with no reader fails with EPIPE. */
	signal(SIGPIPE, SIG_IGN);
	ok1(pipe(fds) == 0);
	close(fds[0]);
	ok1(!write_all(fds[1], "x", 1) && errno == EPIPE);
	close(fds[1]);
	ok1(!read_all(fds[1], &c, 1) && errno == EBADF);
	return exit_status();
}
