#include <ccan/confined/confined.h>
#include <stdio.h>

int main(void)
{
	if (!confined()) {
		printf("the test ran as root\n");
		return 1;
	}
	return 0;
}
