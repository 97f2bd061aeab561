/* CC0 (Public domain) - see LICENSE file for details */
#include <ccan/read_write_all/read_write_all.h>
#include <errno.h>
#include <unistd.h>

bool write_all(int fd, const void *data, size_t size)
{
	const char *p = data;

	while (size) {
		ssize_t done = write(fd, p, size);

		if (done < 0) {
			if (errno == EINTR)
				continue;
			return false;
		}
		p += done;
		size -= (size_t)done;
	}
	return true;
}

bool read_all(int fd, void *data, size_t size)
{
	char *p = data;

	while (size) {
		ssize_t done = read(fd, p, size);

		if (done < 0) {
			if (errno == EINTR)
				continue;
			return false;
		}
		if (done == 0) {
			/* End of file before we had everything. */
			errno = 0;
			return false;
		}
		p += done;
		size -= (size_t)done;
	}
	return true;
}
