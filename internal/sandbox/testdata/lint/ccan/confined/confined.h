/* CC0 (Public domain) - see LICENSE file for details */
#ifndef CCAN_CONFINED_H
#define CCAN_CONFINED_H
#include <unistd.h>

/**
 * confined - whether this process runs unprivileged
 *
 * Example:
 *	if (!confined())
 *		return 1;
 */
static inline int confined(void)
{
	return getuid() != 0;
}
#endif /* CCAN_CONFINED_H */
