/* MIT (BSD) license - see LICENSE file for details */
#ifndef CCAN_WRONGLINK_H
#define CCAN_WRONGLINK_H
int wronglink_fn(void);
#endif /* CCAN_WRONGLINK_H */
