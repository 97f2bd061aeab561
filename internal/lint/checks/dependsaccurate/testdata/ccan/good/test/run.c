#include <ccan/good/good.c>
#include <ccan/tdep/tdep.h>
#include <ccan/tap/tap.h>
#include <ccan/good/test/helper.h>
int main(void)
{
	return 0;
}
