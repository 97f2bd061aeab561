#include <ccan/half/half.c>

int main(void)
{
	return half(1) - 1;
}
