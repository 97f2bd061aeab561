#include <ccan/feat/feat.h>

int feat_fn(void)
{
	return 0;
}
