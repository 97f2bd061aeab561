/* Tries to read each file named on the command line; exits 1 if any
 * could be read. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int main(int argc, char *argv[])
{
	int leaked = 0;

	for (int i = 1; i < argc; i++) {
		char buf[128];
		int fd = open(argv[i], O_RDONLY);
		ssize_t n;

		if (fd < 0) {
			printf("%s: %s\n", argv[i], strerror(errno));
			continue;
		}
		n = read(fd, buf, sizeof(buf) - 1);
		if (n < 0) {
			printf("%s: %s\n", argv[i], strerror(errno));
		} else {
			buf[n] = '\0';
			printf("%s: read: %s\n", argv[i], buf);
			leaked = 1;
		}
		close(fd);
	}
	return leaked;
}
