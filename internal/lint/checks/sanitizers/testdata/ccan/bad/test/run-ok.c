#include <ccan/bad/bad.c>

int main(void)
{
	return bad_add(1, 2) == 3 ? 0 : 1;
}
