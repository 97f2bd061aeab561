#include <ccan/check_type/check_type.h>

int main(int argc, char *argv[])
{
	unsigned char c = 0;

	(void)argv;
#ifdef FAIL
	return check_types_match(argc, c);
#else
	return check_types_match(argc, (int)c);
#endif
}
