#include <ccan/array_size/array_size.h>

static int table[] = { 1, 2, 3 };
/* Usable in a constant expression. */
static char copy[ARRAY_SIZE(table)];

int main(void)
{
	return (int)sizeof(copy) - 3;
}
