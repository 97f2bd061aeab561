/* MIT (BSD) license - see LICENSE file for details */
#ifndef CCAN_GOOD_H
#define CCAN_GOOD_H
int good_fn(void);
#endif /* CCAN_GOOD_H */
