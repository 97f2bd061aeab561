/* Appends to the file FILE until a write fails. With "ignore", SIGXFSZ
 * is ignored, so the write fails with EFBIG instead of the signal
 * killing the program. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int main(int argc, char *argv[])
{
	static char buf[64 << 10];
	long long total = 0;
	int fd;

	if (argc < 2)
		return 2;
	if (argc > 2 && strcmp(argv[2], "ignore") == 0)
		signal(SIGXFSZ, SIG_IGN);
	fd = open(argv[1], O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (fd < 0) {
		printf("open %s: %s\n", argv[1], strerror(errno));
		return 2;
	}
	memset(buf, 'x', sizeof(buf));
	for (;;) {
		ssize_t n = write(fd, buf, sizeof(buf));
		if (n <= 0) {
			printf("write failed after %lld bytes: %s\n", total, n < 0 ? strerror(errno) : "short write");
			return 1;
		}
		total += n;
	}
}
