#include <ccan/str/hex/hex.h>
#include <ccan/str/hex/hex.c>
#include <ccan/tap/tap.h>
#include <string.h>

int main(void)
{
	unsigned char all[256], back[256];
	char str[hex_str_size(256)];
	unsigned char one;
	size_t i;

	for (i = 0; i < sizeof(all); i++)
		all[i] = (unsigned char)i;

	plan_tests(19);

	ok1(hex_str_size(0) == 1);
	ok1(hex_str_size(3) == 7);
	ok1(hex_data_size(0) == 0);
	ok1(hex_data_size(6) == 3);
	ok1(hex_data_size(7) == 3);

	ok1(hex_encode(all, sizeof(all), str, sizeof(str)));
	ok1(strlen(str) == 512);
	ok1(strncmp(str, "000102030405", 12) == 0);
	ok1(strcmp(str + 500, "fafbfcfdfeff") == 0);
	ok1(hex_decode(str, strlen(str), back, sizeof(back)));
	ok1(memcmp(all, back, sizeof(all)) == 0);

	/* Too small a destination: nothing written. */
	str[0] = 'x';
	ok1(!hex_encode(all, 2, str, 4));
	ok1(str[0] == 'x');
	ok1(hex_encode(all, 0, str, 1) && str[0] == '\0');

	ok1(hex_decode("aF", 2, &one, 1) && one == 0xAF);
	ok1(hex_decode("09", 2, &one, 1) && one == 9);
	ok1(!hex_decode("abc", 3, &one, 1));
	ok1(!hex_decode("g0", 2, &one, 1));
	ok1(!hex_decode("0:", 2, &one, 1) && !hex_decode("0G", 2, &one, 1));

	return exit_status();
}
