#include <ccan/warn/warn.h>

int main(void)
{
	return warn(0);
}
