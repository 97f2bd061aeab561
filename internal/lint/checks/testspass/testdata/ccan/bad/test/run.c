#include <stdio.h>

int main(void)
{
	printf("not ok 1 - fails\n");
	return 1;
}
