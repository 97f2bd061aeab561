/* The public interface, using whichever implementation is configured. */
#include <ccan/err/err.h>
#include <ccan/tap/tap.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

static int child_status(int errx_not_warnx)
{
	int status;
	pid_t pid;

	fflush(stdout);
	pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0) {
		if (!freopen("/dev/null", "w", stderr))
			exit(99);
		if (errx_not_warnx)
			errx(3, "exiting with %d", 3);
		warnx("just a warning");
		exit(4);
	}
	if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status))
		return -1;
	return WEXITSTATUS(status);
}

int main(int argc, char *argv[])
{
	int s1, s2;

	(void)argc;
	err_set_progname(argv[0]);
	/* Fork before tap is set up, so children don't run its exit hook. */
	s1 = child_status(1);
	s2 = child_status(0);
	plan_tests(2);
	ok1(s1 == 3);
	ok1(s2 == 4);
	return exit_status();
}
