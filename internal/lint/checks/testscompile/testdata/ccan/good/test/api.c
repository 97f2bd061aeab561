#include <ccan/good/good.h>
int main(void)
{
	return good_fn();
}
