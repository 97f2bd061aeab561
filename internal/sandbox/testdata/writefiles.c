/* Tries to create and write each file named on the command line;
 * exits with the number it could write. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

int main(int argc, char *argv[])
{
	int written = 0;

	for (int i = 1; i < argc; i++) {
		FILE *f = fopen(argv[i], "w");

		if (!f || fputs("pwned\n", f) < 0 || fclose(f) != 0) {
			printf("%s: %s\n", argv[i], strerror(errno));
			continue;
		}
		printf("%s: written\n", argv[i]);
		written++;
	}
	return written;
}
