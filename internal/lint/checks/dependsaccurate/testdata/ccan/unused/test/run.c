#include <ccan/dep/dep.h>
int main(void)
{
	return 0;
}
