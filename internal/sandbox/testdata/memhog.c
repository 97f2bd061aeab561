/* Allocates and touches memory until allocation fails. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(void)
{
	size_t chunk = 16 << 20, total = 0;

	for (;;) {
		char *p = malloc(chunk);
		if (!p) {
			printf("malloc failed after %zu MiB\n", total >> 20);
			return 3;
		}
		memset(p, 1, chunk);
		total += chunk;
	}
}
