/* MIT (BSD) license - see LICENSE file for details */
#ifndef CCAN_UNUSED_H
#define CCAN_UNUSED_H
int unused_fn(void);
#endif /* CCAN_UNUSED_H */
