/* MIT (BSD) license - see LICENSE file for details */
#ifndef CCAN_NOLINK_H
#define CCAN_NOLINK_H
int nolink_fn(void);
#endif /* CCAN_NOLINK_H */
