/* MIT (BSD) license - see LICENSE file for details */
#ifndef CCAN_OUTSIDE_H
#define CCAN_OUTSIDE_H
int outside_fn(void);
#endif /* CCAN_OUTSIDE_H */
