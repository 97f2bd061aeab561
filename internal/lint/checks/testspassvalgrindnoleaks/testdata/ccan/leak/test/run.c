#include <stdlib.h>

void *volatile p;

int main(void)
{
	p = malloc(4);
	p = NULL;
	return 0;
}
