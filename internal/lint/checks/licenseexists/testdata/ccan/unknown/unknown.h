/* MIT (BSD) license - see LICENSE file for details */
#ifndef CCAN_UNKNOWN_H
#define CCAN_UNKNOWN_H
int unknown_fn(void);
#endif /* CCAN_UNKNOWN_H */
