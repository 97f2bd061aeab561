#include <ccan/good/good.h>
#include <stdlib.h>

int main(void)
{
	int *p = malloc(2 * sizeof(*p));

	p[0] = good_add(1, 1);
	p[1] = p[0];
	free(p);
	return good_add(1, 2) == 3 ? 0 : 1;
}
