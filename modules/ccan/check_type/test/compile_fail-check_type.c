#include <ccan/check_type/check_type.h>

int main(int argc, char *argv[])
{
	(void)argv;
#ifdef FAIL
	return check_type(argc, char);
#else
	return check_type(argc, int);
#endif
}
