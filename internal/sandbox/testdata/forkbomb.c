/* Fork bomb. "forkbomb count N" instead forks N children that sleep and
 * reports how many forks succeeded (a bounded probe of the process
 * limit); plain "forkbomb" forks forever in every process, and the
 * first process reports when fork starts failing. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int main(int argc, char *argv[])
{
	pid_t top = getpid();
	int forks = 0, reported = 0;

	if (argc > 2 && strcmp(argv[1], "count") == 0) {
		int n = atoi(argv[2]);
		for (int i = 0; i < n; i++) {
			pid_t p = fork();
			if (p == 0)
				for (;;)
					pause();
			if (p > 0)
				forks++;
		}
		printf("forked %d of %d\n", forks, n);
		return 0;
	}
	for (;;) {
		pid_t p = fork();
		if (getpid() != top)
			continue;
		if (p > 0)
			forks++;
		else if (!reported) {
			printf("fork failed after %d forks: %s\n", forks, strerror(errno));
			fflush(stdout);
			reported = 1;
		}
	}
}
