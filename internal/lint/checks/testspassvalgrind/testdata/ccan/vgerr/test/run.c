#include <stdio.h>
#include <stdlib.h>

int main(void)
{
	char *p = malloc(4);
	if (p[1] == 7)
		puts("seven");
	free(p);
	return 0;
}
