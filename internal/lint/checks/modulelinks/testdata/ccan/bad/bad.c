#include <ccan/bad/bad.h>

int nowhere(void);

int bad_fn(void)
{
	return nowhere();
}
