#include <ccan/good/good.c>

int main(void)
{
	return good(1) + good(0) - 1;
}
