/* Simulate interrupted and short transfers by replacing read/write. */
#include <unistd.h>
#include <errno.h>
#include <stddef.h>
#include <string.h>
#include <sys/types.h>

static char store[100];
static size_t stored, readpos;
static unsigned int calls;

/* Fail with EINTR on every third call; otherwise move at most 3 bytes. */
static ssize_t fake_write(int fd, const void *buf, size_t count)
{
	(void)fd;
	if (++calls % 3 == 0) {
		errno = EINTR;
		return -1;
	}
	if (count > 3)
		count = 3;
	memcpy(store + stored, buf, count);
	stored += count;
	return (ssize_t)count;
}

static ssize_t fake_read(int fd, void *buf, size_t count)
{
	if (fd < 0) {
		errno = EBADF;
		return -1;
	}
	if (++calls % 3 == 0) {
		errno = EINTR;
		return -1;
	}
	if (count > 2)
		count = 2;
	if (count > stored - readpos)
		count = stored - readpos;
	memcpy(buf, store + readpos, count);
	readpos += count;
	return (ssize_t)count;
}

#define write fake_write
#define read fake_read
#include <ccan/read_write_all/read_write_all.c>
#undef write
#undef read
#include <ccan/read_write_all/read_write_all.h>
#include <ccan/tap/tap.h>

int main(void)
{
	char buf[100];

	plan_tests(7);
	ok1(write_all(1, "0123456789abcdefghij", 20));
	ok1(stored == 20 && memcmp(store, "0123456789abcdefghij", 20) == 0);
	ok1(calls > 7);

	ok1(read_all(0, buf, 15));
	ok1(memcmp(buf, "0123456789abcde", 15) == 0);
	/* Only 5 bytes left: premature end of file. */
	ok1(!read_all(0, buf, 10) && errno == 0);
	ok1(!read_all(-1, buf, 1) && errno == EBADF);
	return exit_status();
}
