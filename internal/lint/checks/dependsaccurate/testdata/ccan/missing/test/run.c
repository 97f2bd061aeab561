#include <ccan/tdep/tdep.h>
int main(void)
{
	return 0;
}
