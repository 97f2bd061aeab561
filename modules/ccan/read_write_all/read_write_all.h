/* CC0 (Public domain) - see LICENSE file for details */
#ifndef CCAN_READ_WRITE_ALL_H
#define CCAN_READ_WRITE_ALL_H
#include "config.h"
#include <stdbool.h>
#include <stddef.h>
#include <ccan/compiler/compiler.h>

/**
 * write_all - write a whole buffer to a file descriptor
 * @fd: the file descriptor
 * @data: the bytes to write
 * @size: how many bytes to write
 *
 * Retries after short writes and interruptions (EINTR).  Returns true if
 * every byte was written, false on error (with errno set).
 *
 * Example:
 *	#include <ccan/read_write_all/read_write_all.h>
 *	#include <string.h>
 *	#include <unistd.h>
 *
 *	static bool say(const char *msg)
 *	{
 *		return write_all(STDOUT_FILENO, msg, strlen(msg));
 *	}
 *
 *	int main(void)
 *	{
 *		return say("hi\n") ? 0 : 1;
 *	}
 *	// outputs "hi\n"
 */
bool write_all(int fd, const void *data, size_t size) WARN_UNUSED_RESULT;

/**
 * read_all - fill a whole buffer from a file descriptor
 * @fd: the file descriptor
 * @data: where to put the bytes
 * @size: how many bytes to read
 *
 * Retries after short reads and interruptions (EINTR).  Returns true if
 * exactly @size bytes were read.  On error returns false with errno set;
 * if end of file comes first, returns false with errno set to 0.  Part
 * of @data may have been filled either way.
 *
 * Example:
 *	#include <ccan/read_write_all/read_write_all.h>
 *	#include <stdint.h>
 *	#include <unistd.h>
 *
 *	static bool read_u32(int fd, uint32_t *v)
 *	{
 *		return read_all(fd, v, sizeof(*v));
 *	}
 *
 *	int main(void)
 *	{
 *		uint32_t v;
 *
 *		// Standard input is empty here, so this fails cleanly.
 *		return read_u32(STDIN_FILENO, &v) ? 1 : 0;
 *	}
 */
bool read_all(int fd, void *data, size_t size) WARN_UNUSED_RESULT;

#endif /* CCAN_READ_WRITE_ALL_H */
