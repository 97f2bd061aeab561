#include <ccan/str/hex/hex.h>
#include <ccan/tap/tap.h>
#include <string.h>

int main(void)
{
	const char *text = "00ff7f80";
	unsigned char data[4];
	char again[hex_str_size(4)];

	plan_tests(4);
	ok1(hex_data_size(strlen(text)) == sizeof(data));
	ok1(hex_decode(text, strlen(text), data, sizeof(data)));
	ok1(data[1] == 0xff && data[3] == 0x80);
	ok1(hex_encode(data, sizeof(data), again, sizeof(again))
	    && strcmp(again, text) == 0);
	return exit_status();
}
