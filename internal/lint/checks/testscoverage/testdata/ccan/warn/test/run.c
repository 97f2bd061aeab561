#include <ccan/warn/warn.c>

int main(void)
{
	return warn(0);
}
