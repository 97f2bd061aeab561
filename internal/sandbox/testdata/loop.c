/* Burns CPU forever, or with "sleep" waits forever. */
#include <string.h>
#include <unistd.h>

int main(int argc, char *argv[])
{
	volatile unsigned long n = 0;

	if (argc > 1 && strcmp(argv[1], "sleep") == 0)
		for (;;)
			pause();
	for (;;)
		n++;
}
