/* MIT (BSD) license - see LICENSE file for details */
#ifndef CCAN_NOTESTS_H
#define CCAN_NOTESTS_H
int notests_fn(void);
#endif /* CCAN_NOTESTS_H */
