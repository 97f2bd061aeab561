#include <ccan/bad/bad.c>
#include <stdlib.h>

int main(int argc, char *argv[])
{
	int *p = malloc(2 * sizeof(*p));
	int v;

	(void)argv;
	p[0] = p[1] = 0;
	v = p[argc + 1]; /* heap overflow: argc is 1 */
	free(p);
	return bad_add(v, 0) == v ? 0 : 1;
}
